// A notebook's code cells joined and run in one `python3 -c`, as a script: for the tests of small notebooks with no
// magics, where the scratch kernel (run-before-after.ts) is more than the question needs.
import { spawnSync } from 'node:child_process';
import { TEST_PYTHON } from './run-before-after';

export interface ScriptRun {
  ok: boolean;
  stdout: string;
  stderr: string;
}

export function runCodeCellsAsScript(ipynbText: string): ScriptRun {
  const notebook = JSON.parse(ipynbText) as { cells: { cell_type: string; source: string | string[] }[] };
  const code = notebook.cells
    .filter((cell) => cell.cell_type === 'code')
    .map((cell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source));
  const result = spawnSync(TEST_PYTHON, ['-c', code.join('\n')], { encoding: 'utf8' });
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr };
}
