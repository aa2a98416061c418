// What the in-process and the process tests of the `nbhygiene` command share: the fixture notebooks, a finding line
// they print, and throwaway project folders removed when the test file ends.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after } from 'node:test';

export const REPO = resolve(__dirname, '..', '..');
export const FIXTURES = join(REPO, 'test', 'fixtures', 'cli');

export const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

export const NH102_LINE =
  "test/fixtures/cli/used-before-defined.ipynb:cell 3:1:7: NH102 name 'df' is used before it is defined (defined in cell 4)";

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder holding the files given (paths relative to it), removed after the test file. */
export function tempFolder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'nbhygiene-cli-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
