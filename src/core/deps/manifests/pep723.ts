// PEP 723 inline script metadata in a notebook's first code cell:
//   # /// script
//   # dependencies = ["numpy==1.26.4"]
//   # ///
// Ranges come out relative to the cell.
import type { Range } from '../../types';
import type { ManifestParse } from '../dependency-data';
import { parseTomlDocument, pep508List } from './toml-common';

const OPEN = /^# \/\/\/ script\s*$/;
const CLOSE = /^# \/\/\/\s*$/;

/** null when the cell has no `# /// script` block. */
export function parsePep723(cellSource: string): ManifestParse | null {
  if (!cellSource.includes('# /// script')) return null;
  const lines = cellSource.split('\n').map((line) => line.replace(/\r$/, ''));
  const open = lines.findIndex((line) => OPEN.test(line));
  if (open < 0) return null;
  const contentLines: string[] = [];
  const prefixes: number[] = [];
  let close = -1;
  for (let k = open + 1; k < lines.length; k++) {
    const line = lines[k]!;
    if (CLOSE.test(line)) close = k;
    if (!line.startsWith('#')) break;
    const prefix = line.startsWith('# ') ? 2 : 1;
    contentLines.push(line.slice(prefix));
    prefixes.push(prefix);
  }
  // The block ends at the last `# ///` line of the comment run.
  if (close < 0) {
    return {
      declarations: [],
      includes: [],
      problems: [
        { message: "'# /// script' block without a closing '# ///'", range: lineRange(open, lines[open]!.length) },
      ],
    };
  }
  const body = contentLines.slice(0, close - open - 1);
  const { data, locations, problems } = parseTomlDocument(body.join('\n'));
  const toCell = (range: Range): Range => ({
    start: { line: range.start.line + open + 1, character: range.start.character + (prefixes[range.start.line] ?? 2) },
    end: { line: range.end.line + open + 1, character: range.end.character + (prefixes[range.end.line] ?? 2) },
  });
  const declarations = data ? pep508List(data.dependencies, ['dependencies'], locations, 'main', problems) : [];
  return {
    declarations: declarations.map((d) => ({
      ...d,
      range: toCell(d.range),
      pinEdit: d.pinEdit ? { ...d.pinEdit, range: toCell(d.pinEdit.range) } : null,
    })),
    includes: [],
    problems: problems.map((p) => ({ ...p, range: toCell(p.range) })),
  };
}

function lineRange(line: number, length: number): Range {
  return { start: { line, character: 0 }, end: { line, character: length } };
}
