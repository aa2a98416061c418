// Checks a user would notice: a diagnostic outside its cell lands on the wrong text or nowhere.
import type { Notebook } from '../../src/core/notebook/notebook';
import type { Finding, Position } from '../../src/core/types';

function inside(lines: string[], position: Position): boolean {
  return (
    position.line >= 0 &&
    position.line < lines.length &&
    position.character >= 0 &&
    position.character <= lines[position.line]!.length
  );
}

/** A message for every cell finding whose range does not lie inside its cell's text. */
export function rangeProblems(notebook: Notebook, findings: Finding[]): string[] {
  const problems: string[] = [];
  for (const finding of findings) {
    if (finding.cellIndex === null) continue;
    const cell = notebook.cells[finding.cellIndex];
    if (!cell) {
      problems.push(`${finding.code}: no cell ${finding.cellIndex}`);
      continue;
    }
    const lines = cell.source.split('\n');
    const { start, end } = finding.range;
    const ordered = start.line < end.line || (start.line === end.line && start.character <= end.character);
    if (!inside(lines, start) || !inside(lines, end) || !ordered) {
      problems.push(
        `${finding.code} in cell ${finding.cellIndex}: range ${JSON.stringify(finding.range)} outside the cell`,
      );
    }
  }
  return problems;
}
