// Shared by the e2e files: the packaged extension and the Problems panel rows of one file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './harness';

let packaged: string | undefined;

/** Packages nbhygiene once per test process (npm run package) and returns the .vsix path. */
export function packageNbhygiene(): string {
  if (packaged) return packaged;
  const result = spawnSync('npm', ['run', 'package', '--silent'], { cwd: REPO, encoding: 'utf8' });
  assert.equal(result.status, 0, `npm run package failed:\n${result.stdout}\n${result.stderr}`);
  packaged = join(REPO, 'nbhygiene.vsix');
  return packaged;
}

/** The Problems panel rows of one file: from its header line on (files after it may follow). */
export function rowsOf(text: string, file: string): string {
  const start = text.indexOf(`${file}\n`);
  return start < 0 ? '' : text.slice(start);
}
