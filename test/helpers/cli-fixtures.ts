// What the tests of the `nbhygiene` command share: the fixture notebooks, a finding line they print, throwaway
// project folders removed when the test file ends, and an in-process run that collects the output.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after } from 'node:test';
import { runCli, type CliIO } from '../../src/cli/run';

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

/** Runs the command in-process in `cwd`, as a pipe would see it (no TTY), and collects what it prints. */
export async function runCliCapturing(
  argv: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    cwd,
    env,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    writeStdout: (text) => void (stdout += text),
    writeStderr: (text) => void (stderr += text),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
