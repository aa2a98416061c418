// NH405 oversized-output: A cell's saved outputs (or the whole notebook) are large: noise in review and in git.
import { clearOutputsFix } from '../../refactor/cell-text-edits';
import type { Finding } from '../../types';
import { cellLabel, makeFinding, withFixes, type Rule } from '../context';
import { defineRule } from '../rule';
import { firstLineRange } from '../cell-ranges';

/** Thresholds (characters of the .ipynb text); constants until the config grows a setting for them. */
const OUTPUT_SIZE_LIMIT = 1_000_000;
const NOTEBOOK_SIZE_LIMIT = 10_000_000;

function megabytes(size: number): string {
  return `${(size / 1_000_000).toFixed(1)} MB`;
}

const findOversizedOutputs: Rule = (ctx) => {
  const findings: Finding[] = [];
  for (const cell of ctx.notebook.cells) {
    const size = cell.outputs.reduce((sum, output) => sum + output.size, 0);
    if (size <= OUTPUT_SIZE_LIMIT) continue;
    const finding = makeFinding(ctx.notebook, {
      code: 'NH405',
      cellIndex: cell.index,
      range: firstLineRange(cell),
      message: `the saved outputs of ${cellLabel(cell.index)} take ${megabytes(size)} (limit ${megabytes(OUTPUT_SIZE_LIMIT)}): noise in review and in git; clear them or save images to files`,
    });
    findings.push(withFixes(finding, [clearOutputsFix(`Clear the outputs of ${cellLabel(cell.index)}`, [cell.index])]));
  }
  if (ctx.notebook.size > NOTEBOOK_SIZE_LIMIT) {
    const finding = makeFinding(ctx.notebook, {
      code: 'NH405',
      cellIndex: null,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      message: `the notebook is ${megabytes(ctx.notebook.size)} (limit ${megabytes(NOTEBOOK_SIZE_LIMIT)}): clear outputs before committing (nbstripout, or Clear All Outputs)`,
    });
    const withOutputs = ctx.notebook.cells.filter((cell) => cell.outputs.length > 0).map((cell) => cell.index);
    findings.push(withFixes(finding, [clearOutputsFix('Clear the outputs of every cell', withOutputs)]));
  }
  return findings;
};

export const oversizedOutput = defineRule({
  code: 'NH405',
  name: 'oversized-output',
  family: 'reproducibility',
  defaultSeverity: 'info',
  summary: "A cell's saved outputs (or the whole notebook) are large: noise in review and in git.",
  docs: `A cell's saved outputs take more than 1 MB of the \`.ipynb\` text, or the whole notebook more
than 10 MB (constants for now): embedded images, long logs and wide tables are noise in review and in git. Many
small outputs count toward the notebook's limit only. *Fix:* "Clear the outputs of cell N" (or "of every cell" for the
notebook's size), as Jupyter's Clear Output does (the execution count goes too); or write large images and tables to
files. Not applied by \`nbhygiene fix\` without \`--unsafe\`: the outputs are gone once cleared.`,
  run: findOversizedOutputs,
});
