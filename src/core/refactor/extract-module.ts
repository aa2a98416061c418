// The module side of an extraction: the function built from the cells (or the cells' definitions, verbatim), and
// the module text: a new file, or an existing one with the code appended and its imports merged (nothing lost).
import type { CodeCell } from '../analysis/notebook-model';
import type { CellAnalysis } from '../analysis/cell-analysis';
import { ExtractRefusal, type NameFlow } from './extract-names';
import { formatCall, formatImports, formatReturn, importKey, indentLines, type ImportSpec } from './python-format';

interface Line {
  text: string;
  /** Starts inside a multi-line string: never re-indented. */
  inString: boolean;
}

/** The cell's lines without the removed ones; the common leading indentation dropped, as IPython does. */
function cellLines(codeCell: CodeCell, removed: ReadonlySet<number>): Line[] {
  const strings = new Set(codeCell.analysis.facts.shape?.stringLines ?? []);
  const source = codeCell.cell.source.split('\n');
  const code = source.filter((line, k) => !strings.has(k) && line.trim() !== '');
  const common = code.reduce(
    (min, line) => Math.min(min, /^[ \t]*/.exec(line)![0].length),
    code.length > 0 ? Infinity : 0,
  );
  const cut = Number.isFinite(common) ? common : 0;
  return source.flatMap((text, k) =>
    removed.has(k)
      ? []
      : [
          {
            text: strings.has(k)
              ? text
              : (() => {
                  const body = text.slice(Math.min(cut, /^[ \t]*/.exec(text)![0].length));
                  return strings.has(k + 1) ? body : body.replace(/\s+$/, '');
                })(),
            inString: strings.has(k),
          },
        ],
  );
}

/** Blank lines at the ends dropped, runs of blank lines (outside strings) collapsed to one. */
function tidy(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    const blank = line.text === '' && !line.inString;
    if (blank && (out.length === 0 || (out[out.length - 1]!.text === '' && !out[out.length - 1]!.inString))) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1]!.text === '' && !out[out.length - 1]!.inString) out.pop();
  return out;
}

function statementLines(codeCell: CodeCell, statements: ReadonlySet<number>): Set<number> {
  const lines = new Set<number>();
  const shape = codeCell.analysis.facts.shape;
  for (const k of statements) {
    const range = shape?.statements[k]?.range;
    if (range) for (let line = range.start.line; line <= range.end.line; line++) lines.add(line);
  }
  return lines;
}

/** The statements of a cell that leave the function body: imports to the header, definitions to module level. */
function movedOut(flow: NameFlow, cellIndex: number): Set<number> {
  return new Set([...(flow.hoisted.get(cellIndex) ?? []), ...(flow.lifted.get(cellIndex) ?? [])]);
}

/** Function mode: the cells' `def`/`class` statements as written, for module level (decorators and comments inside kept). */
export function liftedCode(flow: NameFlow): string {
  const chunks: string[] = [];
  for (const codeCell of flow.cells) {
    const statements = codeCell.analysis.facts.shape?.statements ?? [];
    const lines = codeCell.cell.source.split('\n');
    for (const k of [...(flow.lifted.get(codeCell.cell.index) ?? [])].sort((a, b) => a - b)) {
      const range = statements[k]!.range;
      const indent = range.start.character;
      const text = lines
        .slice(range.start.line, range.end.line + 1)
        .map((line, j) =>
          j === 0 ? line.slice(indent) : line.startsWith(' '.repeat(indent)) ? line.slice(indent) : line,
        )
        .map((line) => line.replace(/\s+$/, ''));
      chunks.push(
        tidy(text.map((line) => ({ text: line, inString: false })))
          .map((line) => line.text)
          .join('\n'),
      );
    }
  }
  return chunks.join('\n\n\n');
}

export interface FunctionCode {
  code: string;
  /** The name the call cell gives the displayed value, when there are other return values too. */
  displayName: string | null;
}

/** `def name(params):` with the cells' statements as its body, their displayed value and later-read names returned. */
export function functionCode(flow: NameFlow, name: string, docstring: string, displayName: string): FunctionCode {
  const body: Line[] = [];
  let usedDisplayName: string | null = null;
  for (const codeCell of flow.cells) {
    const removed = statementLines(codeCell, movedOut(flow, codeCell.cell.index));
    const lines = cellLines(codeCell, removed);
    if (flow.display && flow.display.cellIndex === codeCell.cell.index) {
      const range = codeCell.analysis.facts.shape!.statements[flow.display.statement]!.range;
      const removedBefore = [...removed].filter((line) => line < range.start.line).length;
      const at = range.start.line - removedBefore;
      if (flow.display.returned !== undefined) {
        lines.splice(at, range.end.line - range.start.line + 1);
      } else {
        const prefix = flow.returns.length === 0 ? 'return ' : `${displayName} = `;
        usedDisplayName = flow.returns.length === 0 ? null : displayName;
        lines[at] = { ...lines[at]!, text: lines[at]!.text.replace(/^(\s*)/, `$1${prefix}`) };
      }
    }
    if (body.length > 0) body.push({ text: '', inString: false });
    body.push(...tidy(lines));
  }
  const values = usedDisplayName ? [...flow.returns, usedDisplayName] : flow.returns;
  const doc = docstring.includes('\n')
    ? `    """${docstring.replace(/\n/g, '\n    ')}\n    """`
    : `    """${docstring}"""`;
  const text = tidy(body);
  const bodyText = indentLines(
    text.map((line) => line.text).join('\n'),
    '    ',
    new Set(text.flatMap((line, k) => (line.inString ? [k] : []))),
  );
  const parts = [formatCall('', `def ${name}`, flow.params, ':'), doc, bodyText];
  if (values.length > 0) parts.push(formatReturn('    ', values));
  const fn = parts.filter((part) => part !== '').join('\n');
  const definitions = liftedCode(flow);
  return { code: definitions === '' ? fn : `${definitions}\n\n\n${fn}`, displayName: usedDisplayName };
}

/** The cells' definitions as they were, black's two blank lines between top-level statements. */
export function verbatimCode(flow: NameFlow): string {
  const chunks: string[] = [];
  for (const codeCell of flow.cells) {
    const shape = codeCell.analysis.facts.shape;
    const lines = codeCell.cell.source.split('\n');
    const moved = flow.hoisted.get(codeCell.cell.index) ?? new Set<number>();
    let from = 0;
    shape?.statements.forEach((statement, k) => {
      const isLast = k === shape.statements.length - 1;
      const end = isLast ? lines.length - 1 : statement.range.end.line;
      if (!moved.has(k)) {
        const chunk = tidy(
          lines.slice(from, end + 1).map((text) => ({ text: text.replace(/\s+$/, ''), inString: false })),
        );
        if (chunk.length > 0) chunks.push(chunk.map((line) => line.text).join('\n'));
      }
      from = Math.max(from, statement.range.end.line + 1);
    });
  }
  return chunks.join('\n\n\n');
}

/** A new module, or the existing text with the new imports merged after its imports and the code appended. */
export function moduleText(
  existing: string | null,
  existingAnalysis: CellAnalysis | null,
  code: string,
  imports: readonly ImportSpec[],
  newNames: readonly string[],
  notebookName: string,
  firstParty: ReadonlySet<string>,
): string {
  if (existing === null || existingAnalysis === null) {
    const header = `"""Code extracted from ${notebookName.replace(/["\\]/g, '')} by nbhygiene."""`;
    const block = formatImports(imports, firstParty);
    return `${header}\n\n${block === '' ? '\n' : `${block}\n\n\n`}${code}\n`;
  }
  const bound = new Set<string>();
  for (const event of existingAnalysis.facts.events) if (event.kind === 'bind') bound.add(event.name);
  const taken = newNames.find((name) => bound.has(name));
  if (taken) {
    let k = 2;
    while (bound.has(`${taken}_${k}`)) k++;
    throw new ExtractRefusal(
      'name-exists',
      `the module already defines '${taken}'; choose another name (e.g. '${taken}_${k}')`,
      `${taken}_${k}`,
    );
  }
  const shape = existingAnalysis.facts.shape;
  const have = new Set(
    (shape?.imports ?? []).map((record) =>
      importKey({ module: record.module, level: record.level, name: record.name, alias: record.alias }),
    ),
  );
  const missing = imports.filter(
    (spec) => !have.has(importKey(spec)) && !bound.has(spec.alias ?? spec.name ?? spec.module.split('.')[0]!),
  );
  let text = existing.replace(/\s+$/, '');
  const lines = text.split('\n');
  // `from m import a` already there: the new names join that line.
  for (const spec of [...missing]) {
    if (spec.name === null || (spec.alias && spec.alias !== spec.name)) continue;
    const module = `${'.'.repeat(spec.level)}${spec.module}`;
    const at = lines.findIndex(
      (line) => line.startsWith(`from ${module} import `) && /^from [.\w]+ import [\w, ]+$/.test(line),
    );
    if (at < 0) continue;
    const names = lines[at]!.slice(`from ${module} import `.length)
      .split(',')
      .map((name) => name.trim());
    lines[at] = formatImports(
      [...names, spec.name].map((name) => ({ module: spec.module, level: spec.level, name, alias: null })),
      firstParty,
    );
    missing.splice(missing.indexOf(spec), 1);
  }
  text = lines.join('\n');
  if (missing.length > 0) {
    const lines = text.split('\n');
    const statements = shape?.statements ?? [];
    const lastImport = [...statements]
      .reverse()
      .find(
        (s) =>
          s.type === 'import_statement' || s.type === 'import_from_statement' || s.type === 'future_import_statement',
      );
    const docstring =
      statements[0]?.type === 'expression_statement' &&
      /^[rRbBuU]*("""|''')/.test(lines[statements[0].range.start.line]!.trim())
        ? statements[0]
        : undefined;
    const after = lastImport ? lastImport.range.end.line + 1 : docstring ? docstring.range.end.line + 1 : 0;
    const block = formatImports(missing, firstParty).split('\n');
    const insert = lastImport ? block : after === 0 ? [...block, ''] : ['', ...block];
    lines.splice(after, 0, ...insert);
    text = lines.join('\n');
  }
  return `${text}\n\n\n${code}\n`;
}
