// The pytest side of an extraction: one test per extracted function, asserting what the notebook showed. For a
// definition: the later cells that call it with literal arguments, and their saved outputs (`add(2, 3)` shown as
// `5` → `assert add(2, 3) == 5`; `print(add(2, 3))` → the printed text, with capsys). For the function made of the
// cells: its inputs when earlier cells set them to literals, and what the cells displayed and printed. Values are
// compared as literals (floats with pytest.approx), else by their repr; a DataFrame by its columns and its text. A
// skipped stub with a TODO only where nothing can be asserted (and NH301/NH304 keep reporting what it covers).
import { isLiteralNode } from '../analysis/cell-shape';
import type { NotebookModel } from '../analysis/notebook-model';
import type { SyntaxNode as Node } from '../python/syntax-tree';
import type { OutputSummary } from '../notebook/notebook';
import type { PythonParser } from '../python/parser';
import { TEST_NAME } from '../rules/tests/notebook-tests';
import type { NameFlow } from './extract-names';
import { formatCall, pyString } from './python-format';

export interface TestTarget {
  /** Function name in the module. */
  name: string;
  /** Module path to import it from (`analysis_lib`, `pkg.analysis_lib`). */
  moduleImport: string;
  flow: NameFlow | null;
  /** The function made of the cells' code (else one of the functions the cells define). */
  wrapper?: boolean;
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
  // eslint-disable-next-line no-control-regex
  [/\x1b\[|\r/, 'it shows a progress bar or terminal colours'],
];
const RANDOM = /\brandom\b|\brandn?\(|\brandint\(|\bshuffle\(|\buuid\d?\(|\btime\(\)|\bnow\(\)/;
/** At most this many later calls become assertions in one test. */
const MAX_EXAMPLES = 5;

/** pytest would collect a module-level `test_x` imported into a test file: such names are reached through the module. */
export function testReference(target: Pick<TestTarget, 'name' | 'moduleImport'>): string {
  return TEST_NAME.test(target.name) ? `${target.moduleImport}.${target.name}` : target.name;
}

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

/** A Python string expression for `text`, one source line per line of text when it has several. */
function pyText(text: string, indent: string): string {
  const lines = text.split('\n');
  if (lines.length === 1) return pyString(text);
  const parts = lines.map((line, k) => pyString(k < lines.length - 1 ? `${line}\n` : line)).filter((p) => p !== '""');
  if (parts.length === 1) return parts[0]!;
  return `(\n${parts.map((part) => `${indent}    ${part}\n`).join('')}${indent})`;
}

/** Why the saved text cannot be asserted, or null. */
function unstable(text: string, code: string, model: NotebookModel): string | null {
  const seeded = model.notebook.cells.some((c) => /seed\s*\(/.test(c.source));
  if (RANDOM.test(code) && !seeded) return 'the code draws random numbers without a seed';
  for (const [pattern, why] of UNSTABLE) if (pattern.test(text)) return why;
  return null;
}

/** Assertions that `subject` (an expression) equals the value whose text/plain the notebook saved. */
function valueAssertions(parser: PythonParser, output: OutputSummary, subject: string): Expected {
  const text = output.text!.trim();
  // repr keeps the leading spaces of a table's header line.
  const shown = output.text!.replace(/\s+$/, '');
  const frame = /\[(\d+) rows x (\d+) columns\]\s*$/.exec(text);
  if (frame || output.html?.includes('dataframe')) {
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    const header = lines[0]?.trim().split(/\s+/) ?? [];
    const truncated = frame !== null || /\.\.\./.test(text);
    const assertions: string[] = [];
    if (frame) assertions.push(`assert ${subject}.shape == (${frame[1]}, ${frame[2]})`);
    // A one-line header whose words are the columns (no index name line, no wrapped columns).
    const wrapped = lines.some((line) => line.trimEnd().endsWith('\\'));
    if (!truncated && !wrapped && header.length > 0 && header.every((h) => !h.includes('.')))
      assertions.push(`assert list(${subject}.columns) == [${header.map(pyString).join(', ')}]`);
    if (!truncated) assertions.push(`assert repr(${subject}) == ${pyText(shown, '    ')}`);
    return assertions.length > 0
      ? { assertions, usesPytest: false }
      : { assertions, note: 'the table is shown cut short', usesPytest: false };
  }
  const tree = parser.parse(text);
  try {
    const root = tree.rootNode;
    const statement = root.namedChildren.length === 1 ? root.namedChild(0) : null;
    const expression =
      statement?.type === 'expression_statement' && statement.namedChildCount === 1 ? statement.namedChild(0) : null;
    if (root.hasError || !expression || !isLiteralNode(expression)) {
      if (text.includes('...')) return { assertions: [], note: 'its text is cut short', usesPytest: false };
      return { assertions: [`assert repr(${subject}) == ${pyText(shown, '    ')}`], usesPytest: false };
    }
    const literal = text.includes('\n') ? `(\n        ${text.split('\n').join('\n        ')}\n    )` : text;
    const numeric = /^[-+\d.eE\s,[\]()]+$/.test(text) && containsFloat(text);
    if (numeric)
      return {
        assertions: [`assert ${subject} == pytest.approx(${text.replace(/^\((.*)\)$/s, '[$1]')})`],
        usesPytest: true,
      };
    return { assertions: [`assert ${subject} == ${literal}`], usesPytest: false };
  } finally {
    tree.delete();
  }
}

function displayed(outputs: readonly OutputSummary[]): OutputSummary | null {
  const output = outputs.find((o) => o.outputType === 'execute_result');
  return output && output.text !== undefined ? output : null;
}

/** What the cells printed (stdout), when they printed and showed no error. */
function printed(outputs: readonly OutputSummary[]): string | null {
  if (outputs.some((o) => o.outputType === 'error' || (o.outputType === 'stream' && o.stream === 'stderr')))
    return null;
  const text = outputs
    .filter((o) => o.outputType === 'stream' && o.stream !== 'stderr')
    .map((o) => o.text ?? '')
    .join('');
  return text === '' ? null : text;
}

interface Example {
  /** The call as the later cell wrote it, with the name the test reaches the function by. */
  call: string;
  /** `print(call)` in the cell: compare what it printed. */
  print: boolean;
  cellIndex: number;
}

/** `name(<literals>)` or `print(name(<literals>))` as a cell's displayed last line: the call, else null. */
function literalCall(parser: PythonParser, text: string, name: string): { args: string; print: boolean } | null {
  const tree = parser.parse(text);
  try {
    const statement = tree.rootNode.namedChildCount === 1 ? tree.rootNode.namedChild(0) : null;
    let call: Node | null = statement?.type === 'expression_statement' ? statement.namedChild(0) : null;
    if (tree.rootNode.hasError || call?.type !== 'call') return null;
    let print = false;
    if (call.childForFieldName('function')?.text === 'print') {
      const args = call.childForFieldName('arguments')?.namedChildren ?? [];
      if (args.length !== 1 || args[0]?.type !== 'call') return null;
      call = args[0];
      print = true;
    }
    if (call.childForFieldName('function')?.text !== name) return null;
    const args = call.childForFieldName('arguments');
    if (!args || args.type !== 'argument_list') return null;
    const literal = args.namedChildren.every((arg) => {
      if (!arg || arg.type === 'comment') return true;
      const value = arg.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
      return value !== null && isLiteralNode(value);
    });
    return literal ? { args: args.text, print } : null;
  } finally {
    tree.delete();
  }
}

/** Later cells that call `target` with literal arguments as the whole of what they do (a cell of one line). */
function laterCalls(input: TestFileInput, target: TestTarget, reference: string): Example[] {
  const flow = target.flow;
  if (!flow) return [];
  const selected = new Set(flow.cells.map((c) => c.cell.index));
  const last = Math.max(...selected);
  const examples: Example[] = [];
  for (const { cell, analysis } of input.model.codeCells) {
    if (cell.index <= last || selected.has(cell.index) || examples.length >= MAX_EXAMPLES) continue;
    // From a cell that redefines the name on, its calls are another function's.
    if (
      analysis.facts.events.some(
        (event) => event.kind !== 'star' && event.kind !== 'read' && event.name === target.name,
      )
    )
      break;
    const found = literalCall(input.parser, cell.source.trim(), target.name);
    if (found) examples.push({ call: `${reference}${found.args}`, print: found.print, cellIndex: cell.index });
  }
  return examples;
}

interface Body {
  code: string;
  usesPytest: boolean;
}

/** A test of a defined function from the later cells that call it, or null when none shows something to assert. */
function definitionTest(input: TestFileInput, target: TestTarget, testName: string): Body | null {
  const flow = target.flow;
  const code = flow ? flow.cells.map((c) => c.cell.source).join('\n') : '';
  const lines: string[] = [];
  let usesPytest = false;
  let capsys = false;
  const cells: number[] = [];
  for (const example of laterCalls(input, target, testReference(target))) {
    const outputs = input.model.notebook.cells[example.cellIndex]!.outputs;
    if (example.print) {
      const out = printed(outputs);
      if (out === null || unstable(out, code, input.model)) continue;
      lines.push(`    print(${example.call})`, `    assert capsys.readouterr().out == ${pyText(out, '    ')}`);
      capsys = true;
    } else {
      const output = displayed(outputs);
      if (!output || unstable(output.text!, code, input.model)) continue;
      const expected = valueAssertions(input.parser, output, example.call);
      if (expected.assertions.length === 0) continue;
      lines.push(...expected.assertions.map((assertion) => `    ${assertion}`));
      usesPytest ||= expected.usesPytest;
    }
    cells.push(example.cellIndex + 1);
  }
  if (lines.length === 0) return null;
  const where = cells.length === 1 ? `cell ${cells[0]}` : `cells ${cells.join(', ')}`;
  return {
    code: [
      `def ${testName}(${capsys ? 'capsys' : ''}):`,
      `    # What ${input.notebookName} showed for these calls (${where}).`,
      ...lines,
    ].join('\n'),
    usesPytest,
  };
}

function stub(target: TestTarget, testName: string): Body {
  return {
    code: [
      SKIP,
      `def ${testName}():`,
      `    # TODO: call ${target.name} with reference inputs and assert on what it returns.`,
      `    result = ${testReference(target)}(...)`,
      '    assert result is not None',
    ].join('\n'),
    usesPytest: true,
  };
}

/** The test of the function made of the cells: its literal inputs, and what the cells displayed and printed. */
function wrapperTest(input: TestFileInput, target: TestTarget, flow: NameFlow, testName: string): Body {
  const first = flow.cells[0]!.cell.index;
  const indices = flow.cells.map((c) => c.cell.index);
  const inputs = flow.params.map((param) => ({
    param,
    value: literalBefore(input.model, param, new Set(indices), Math.max(...indices)),
  }));
  const allLiteral = inputs.every((entry) => entry.value !== null);
  const code = flow.cells.map((c) => c.cell.source).join('\n');
  const assertions: string[] = [];
  const notes: string[] = [];
  let usesPytest = false;
  let capsys = false;
  if (allLiteral) {
    const output = flow.display ? displayed(input.model.notebook.cells[flow.display.cellIndex]!.outputs) : null;
    if (output) {
      const why = unstable(output.text!, code, input.model);
      const expected: Expected = why
        ? { assertions: [], note: why, usesPytest: false }
        : valueAssertions(input.parser, output, 'result');
      assertions.push(...expected.assertions);
      usesPytest ||= expected.usesPytest;
      if (expected.note) notes.push(`the saved output is not asserted: ${expected.note}`);
    }
    const out = printed(flow.cells.flatMap((c) => c.cell.outputs));
    if (out !== null && !unstable(out, code, input.model)) {
      assertions.push(`assert capsys.readouterr().out == ${pyText(out, '    ')}`);
      capsys = true;
    }
  }
  const characterization = assertions.length > 0;
  const lines: string[] = [];
  const cells = indices.length === 1 ? `cell ${indices[0]! + 1}` : `cells ${indices.map((k) => k + 1).join(', ')}`;
  const reference = testReference(target);
  if (!characterization) {
    lines.push(
      SKIP,
      `def ${testName}():`,
      `    # TODO: build reference inputs and assert on what ${target.name} returns`,
      `    # (the notebook builds them above cell ${first + 1} of ${input.notebookName}).`,
      ...notes.map((note) => `    # (${note}.)`),
    );
  } else {
    lines.push(
      `def ${testName}(${capsys ? 'capsys' : ''}):`,
      `    # Characterization test: inputs and expected values from ${input.notebookName} (${cells}).`,
      ...notes.map((note) => `    # (${note}.)`),
    );
  }
  for (const { param, value } of inputs)
    lines.push(
      value === null
        ? `    ${param} = ...  # TODO: a reference value for '${param}'`
        : `    ${param} = ${value.split('\n').join('\n    ')}`,
    );
  const call = formatCall('    ', `result = ${reference}`, flow.params);
  const returned = flow.display?.returned;
  const pick =
    returned !== undefined
      ? flow.returns.length === 1
        ? call
        : `${call}[${flow.returns.indexOf(returned)}]`
      : flow.display && flow.returns.length > 0
        ? `${call}[-1]`
        : call;
  // Only the printed output asserted: the call's value is not needed.
  const onlyPrinted = characterization && assertions.every((assertion) => assertion.startsWith('assert capsys'));
  lines.push(onlyPrinted ? pick.replace(/^(\s*)result = /, '$1') : pick);
  if (!characterization) lines.push('    assert result is not None  # TODO: the expected value');
  else lines.push(...assertions.map((assertion) => `    ${assertion}`));
  return { code: lines.join('\n'), usesPytest: !characterization || usesPytest };
}

function testBody(input: TestFileInput, target: TestTarget, testName: string): Body {
  const { flow } = target;
  if (
    flow &&
    flow.mode === 'function' &&
    target.wrapper !== false &&
    flow.definitions.every((d) => d.name !== target.name)
  )
    return wrapperTest(input, target, flow, testName);
  return definitionTest(input, target, testName) ?? stub(target, testName);
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

/** The imports of the tested names: `from m import a, b`, and `import m` for the names pytest would collect. */
function importLines(targets: readonly TestTarget[]): string[] {
  const byModule = new Map<string, string[]>();
  const whole = new Set<string>();
  for (const target of targets) {
    if (testReference(target) !== target.name) whole.add(target.moduleImport);
    else byModule.set(target.moduleImport, [...(byModule.get(target.moduleImport) ?? []), target.name]);
  }
  return [
    ...[...whole].sort().map((module) => `import ${module}  # noqa: E402`),
    ...[...byModule].map(
      ([module, names]) => `from ${module} import ${[...new Set(names)].sort().join(', ')}  # noqa: E402`,
    ),
  ];
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
  const pathLine = `sys.path.insert(0, str(${pathExpression(input.importRootFromTests)}))`;
  const fromLines = importLines(input.targets);
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
