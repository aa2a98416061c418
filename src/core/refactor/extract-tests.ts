// The pytest side of an extraction: one test per extracted function. A characterization test when the notebook's
// saved output and literal inputs allow it (expected value from the cell's execute_result), else a skipped stub
// with a clear TODO, so a fresh suite runs green and the gap stays visible.
import { isLiteralNode } from '../analysis/cell-shape';
import type { NotebookModel } from '../analysis/notebook-model';
import type { PythonParser } from '../python/parser';
import type { NameFlow } from './extract-names';
import { formatCall, pyString } from './python-format';

export interface TestTarget {
  /** Function name in the module. */
  name: string;
  /** Module path to import it from (`analysis_lib`, `pkg.analysis_lib`). */
  moduleImport: string;
  flow: NameFlow | null;
}

export interface TestFileInput {
  model: NotebookModel;
  parser: PythonParser;
  targets: TestTarget[];
  existing: string | null;
  /** `tests` → the import root, as a relative path ('..', '../notebooks'); '.' when the same folder. */
  importRootFromTests: string;
  notebookName: string;
}

const SKIP = '@pytest.mark.skip(reason="nbhygiene: fill in reference inputs")';
const UNSTABLE: [RegExp, string][] = [
  [/0x[0-9a-fA-F]{6,}/, 'it shows a memory address'],
  [/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/, 'it shows a timestamp'],
  [/\b\d{2}:\d{2}:\d{2}\b/, 'it shows a time of day'],
];
const RANDOM = /\brandom\b|\brandn?\(|\brandint\(|\bshuffle\(|\buuid\d?\(|\btime\(\)|\bnow\(\)/;

/** The literal a name had when the extracted cells started, if an earlier cell set it to one and nothing changed it since. */
function literalBefore(model: NotebookModel, name: string, selected: ReadonlySet<number>, last: number): string | null {
  let found: string | null = null;
  for (const { cell, analysis } of model.codeCells) {
    if (cell.index >= last) break;
    if (selected.has(cell.index)) continue;
    for (const event of analysis.facts.events) {
      if (event.kind === 'star') continue;
      if (event.name !== name || event.kind === 'read') continue;
      found = null;
      if (event.kind !== 'bind') continue;
      const shape = analysis.facts.shape;
      const literal = shape?.literalAssigns.find((assign) => {
        const range = shape.statements[assign.statement]!.range;
        return (
          assign.name === name && range.start.line <= event.range.start.line && event.range.end.line <= range.end.line
        );
      });
      found = literal ? literal.value : null;
    }
  }
  return found;
}

interface Expected {
  assertions: string[];
  /** Why the saved output is not asserted. */
  note?: string;
  usesPytest: boolean;
}

function containsFloat(text: string): boolean {
  return /(^|[^\w.'"])(\d+\.\d*|\.\d+|\d+e[-+]?\d+)/i.test(text.replace(/'[^']*'|"[^"]*"/g, ''));
}

function expectedFrom(model: NotebookModel, parser: PythonParser, flow: NameFlow): Expected | null {
  if (!flow.display) return null;
  const cell = model.notebook.cells[flow.display.cellIndex]!;
  const output = cell.outputs.find((o) => o.outputType === 'execute_result');
  if (!output || output.text === undefined) return null;
  const text = output.text.trim();
  const code = flow.cells.map((c) => c.cell.source).join('\n');
  const seeded = model.notebook.cells.some((c) => /seed\s*\(/.test(c.source));
  if (RANDOM.test(code) && !seeded)
    return { assertions: [], note: 'the code draws random numbers without a seed', usesPytest: false };
  for (const [pattern, why] of UNSTABLE)
    if (pattern.test(text)) return { assertions: [], note: why, usesPytest: false };
  const frame = /\[(\d+) rows x (\d+) columns\]\s*$/.exec(text);
  if (frame || output.html?.includes('dataframe')) {
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    const header = lines[0]?.trim().split(/\s+/) ?? [];
    const rows = frame ? Number(frame[1]) : lines.length - 1;
    const cols = frame ? Number(frame[2]) : header.length;
    const assertions = [`assert result.shape == (${rows}, ${cols})`];
    if (!frame && header.length === cols && header.every((h) => !h.includes('.')))
      assertions.push(`assert list(result.columns) == [${header.map(pyString).join(', ')}]`);
    return { assertions, usesPytest: false };
  }
  const tree = parser.parse(text);
  try {
    const root = tree.rootNode;
    const statement = root.namedChildren.length === 1 ? root.namedChild(0) : null;
    const expression =
      statement?.type === 'expression_statement' && statement.namedChildCount === 1 ? statement.namedChild(0) : null;
    if (root.hasError || !expression || !isLiteralNode(expression))
      return { assertions: [], note: 'its text is not a Python literal', usesPytest: false };
    const literal = text.includes('\n') ? `(\n        ${text.split('\n').join('\n        ')}\n    )` : text;
    const numeric = /^[-+\d.eE\s,[\]()]+$/.test(text) && containsFloat(text);
    if (numeric)
      return {
        assertions: [`assert result == pytest.approx(${text.replace(/^\((.*)\)$/s, '[$1]')})`],
        usesPytest: true,
      };
    return { assertions: [`assert result == ${literal}`], usesPytest: false };
  } finally {
    tree.delete();
  }
}

function testBody(input: TestFileInput, target: TestTarget, testName: string): { code: string; usesPytest: boolean } {
  const { flow } = target;
  if (!flow || flow.mode === 'verbatim') {
    return {
      code: [
        SKIP,
        `def ${testName}():`,
        `    # TODO: call ${target.name} with reference inputs and assert on what it returns.`,
        `    result = ${target.name}(...)`,
        '    assert result is not None',
      ].join('\n'),
      usesPytest: true,
    };
  }
  const first = flow.cells[0]!.cell.index;
  const indices = flow.cells.map((c) => c.cell.index);
  const inputs = flow.params.map((param) => ({
    param,
    value: literalBefore(input.model, param, new Set(indices), Math.max(...indices)),
  }));
  const allLiteral = inputs.every((entry) => entry.value !== null);
  const expected = allLiteral ? expectedFrom(input.model, input.parser, flow) : null;
  const lines: string[] = [];
  const cells = indices.length === 1 ? `cell ${indices[0]! + 1}` : `cells ${indices.map((k) => k + 1).join(', ')}`;
  const characterization = expected !== null;
  if (!characterization) {
    lines.push(
      SKIP,
      `def ${testName}():`,
      `    # TODO: build reference inputs and assert on what ${target.name} returns`,
      `    # (the notebook builds them above cell ${first + 1} of ${input.notebookName}).`,
    );
  } else {
    lines.push(
      `def ${testName}():`,
      `    # Characterization test: inputs and expected value from ${input.notebookName} (${cells}).`,
    );
  }
  for (const { param, value } of inputs)
    lines.push(
      value === null
        ? `    ${param} = ...  # TODO: a reference value for '${param}'`
        : `    ${param} = ${value.split('\n').join('\n    ')}`,
    );
  const call = formatCall('    ', `result = ${target.name}`, flow.params).replace(
    /^(\s*)result = (.*)$/s,
    '$1result = $2',
  );
  const returned = flow.display?.returned;
  const pick =
    returned !== undefined
      ? flow.returns.length === 1
        ? call
        : `${call}[${flow.returns.indexOf(returned)}]`
      : flow.display && flow.returns.length > 0
        ? `${call}[-1]`
        : call;
  lines.push(pick);
  if (!characterization) lines.push('    assert result is not None  # TODO: the expected value');
  else if (expected.note)
    lines.push(
      `    # Not asserted: the saved output looks unstable (${expected.note}).`,
      '    assert result is not None',
    );
  else lines.push(...expected.assertions.map((assertion) => `    ${assertion}`));
  return { code: lines.join('\n'), usesPytest: !characterization || expected.usesPytest };
}

/** `Path(__file__).resolve().parent.parent / "notebooks"` for '../notebooks'. */
function pathExpression(relative: string): string {
  let expression = 'Path(__file__).resolve().parent';
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    expression += part === '..' ? '.parent' : ` / ${pyString(part)}`;
  }
  return expression;
}

/** The test file: new, or the existing one with the new tests (and what they import) appended. */
export function testFileText(input: TestFileInput): string {
  const existing = input.existing;
  const takenNames = new Set([...(existing ?? '').matchAll(/^def (test_\w+)\s*\(/gm)].map((m) => m[1]!));
  const bodies: string[] = [];
  let usesPytest = false;
  for (const target of input.targets) {
    let testName = `test_${target.name}`;
    for (let k = 2; takenNames.has(testName); k++) testName = `test_${target.name}_${k}`;
    takenNames.add(testName);
    const body = testBody(input, target, testName);
    usesPytest ||= body.usesPytest;
    bodies.push(body.code);
  }
  const byModule = new Map<string, string[]>();
  for (const target of input.targets)
    byModule.set(target.moduleImport, [...(byModule.get(target.moduleImport) ?? []), target.name]);
  const pathLine = `sys.path.insert(0, str(${pathExpression(input.importRootFromTests)}))`;
  const fromLines = [...byModule].map(
    ([module, names]) => `from ${module} import ${[...new Set(names)].sort().join(', ')}  # noqa: E402`,
  );
  if (existing === null) {
    const header = [
      `"""Tests for code extracted from ${input.notebookName.replace(/["\\]/g, '')} by nbhygiene."""`,
      '',
      'import sys',
      'from pathlib import Path',
      '',
      ...(usesPytest ? ['import pytest', ''] : []),
      pathLine,
      ...fromLines,
    ];
    return `${header.join('\n')}\n\n\n${bodies.join('\n\n\n')}\n`;
  }
  const added: string[] = [];
  if (usesPytest && !/^import pytest\b/m.test(existing)) added.push('import pytest  # noqa: E402');
  if (!existing.includes(pathLine)) {
    if (!/^import sys\b/m.test(existing)) added.push('import sys  # noqa: E402');
    if (!/^from pathlib import .*\bPath\b/m.test(existing)) added.push('from pathlib import Path  # noqa: E402');
    added.push(pathLine);
  }
  added.push(...fromLines);
  return `${existing.replace(/\s+$/, '')}\n\n${added.join('\n')}\n\n\n${bodies.join('\n\n\n')}\n`;
}
