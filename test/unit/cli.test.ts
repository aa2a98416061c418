// The `nbhygiene check` command as a user sees it, run in-process: output lines, exit codes, JSON shape,
// configuration. The command as a process (from source, and bundled) is test/integration/cli.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliDeps } from '../../src/cli/run';
import { createConfigLocator } from '../../src/core/config/locate';
import { NODE_HOST } from '../../src/cli/node-host';
import { formatFinding, formatSummary } from '../../src/cli/format-text';
import { rangeOf, type Finding } from '../../src/core/types';
import { notebookJson } from '../helpers/notebook';
import { fixture, FIXTURES, NH102_LINE, REPO, tempFolder } from '../helpers/cli-fixtures';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  lines: string[];
}

async function cli(
  args: string[],
  options: { cwd?: string; tty?: boolean; env?: Record<string, string>; deps?: Partial<CliDeps> } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    args,
    {
      cwd: options.cwd ?? REPO,
      env: options.env ?? {},
      stdoutIsTTY: options.tty ?? false,
      stderrIsTTY: options.tty ?? false,
      writeStdout: (text) => void (stdout += text),
      writeStderr: (text) => void (stderr += text),
    },
    options.deps,
  );
  return { code, stdout, stderr, lines: stdout.trimEnd().split('\n') };
}

describe('nbhygiene check, text output', () => {
  it('prints one ruff-style line per finding, paths relative to the cwd, then a summary; exit 1', async () => {
    const run = await cli(['check', 'test/fixtures/cli/used-before-defined.ipynb', 'test/fixtures/cli/clean.ipynb']);
    assert.equal(run.code, 1);
    assert.equal(run.lines.length, 2);
    assert.ok(run.lines[0].startsWith(NH102_LINE), run.lines[0]);
    assert.equal(run.lines[1], 'Found 1 finding (1 error) in 2 notebooks.');
    assert.equal(run.stderr, '');
  });

  it('prints whole-file findings as path:line:col (NH001 for invalid JSON)', async () => {
    const run = await cli(['check', 'invalid.ipynb'], { cwd: FIXTURES });
    assert.equal(run.code, 1);
    assert.match(run.lines[0], /^invalid\.ipynb:\d+:\d+: NH001 /);
  });

  it('says all checks passed and exits 0 for a clean notebook', async () => {
    const run = await cli(['check', 'test/fixtures/cli/clean.ipynb']);
    assert.equal(run.code, 0);
    assert.deepEqual(run.lines, ['All checks passed! (1 notebook)']);
  });

  it('checks every notebook of a folder in sorted order and honours suppression pragmas', async () => {
    const run = await cli(['check', '.'], { cwd: FIXTURES });
    const files = run.lines.slice(0, -1).map((line) => line.split(':')[0]);
    assert.deepEqual(files, ['invalid.ipynb', 'out-of-order.ipynb', 'suppressed.ipynb', 'used-before-defined.ipynb']);
    // suppressed.ipynb silences line 1 of cell 1 only: the finding on line 2 (NH103 on `shape`) stays.
    assert.ok(run.lines.some((line) => line.startsWith('suppressed.ipynb:cell 1:2:')));
    assert.ok(!run.lines.some((line) => line.startsWith('suppressed.ipynb:cell 1:1:')));
    assert.match(run.lines.at(-1)!, /^Found 4 findings \(3 errors, 1 warning\) in 5 notebooks\.$/);
  });

  it('shows progress on stderr for more than 20 notebooks, only on a terminal', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 21; i++) files[`nb${String(i).padStart(2, '0')}.ipynb`] = fixture('clean.ipynb');
    const root = tempFolder(files);
    const onTerminal = await cli(['check', '.'], { cwd: root, tty: true, env: { NO_COLOR: '1' } });
    assert.match(onTerminal.stderr, /checked 20\/21/);
    assert.match(onTerminal.stdout, /All checks passed! \(21 notebooks\)/);
    assert.equal((await cli(['check', '.'], { cwd: root, tty: false })).stderr, '');
  });

  it('colours only for a terminal without NO_COLOR', async () => {
    const args = ['check', 'test/fixtures/cli/used-before-defined.ipynb'];
    assert.match((await cli(args, { tty: true })).stdout, /\x1b\[/);
    assert.doesNotMatch((await cli(args, { tty: true, env: { NO_COLOR: '1' } })).stdout, /\x1b\[/);
    assert.doesNotMatch((await cli(args, { tty: false })).stdout, /\x1b\[/);
  });
});

describe('nbhygiene check, exit codes', () => {
  const warningOnly = 'test/fixtures/cli/out-of-order.ipynb';

  it('fails on warnings by default, not with --fail-on error, and never with --exit-zero', async () => {
    assert.equal((await cli(['check', warningOnly])).code, 1);
    assert.equal((await cli(['check', warningOnly, '--fail-on', 'error'])).code, 0);
    assert.equal((await cli(['check', 'test/fixtures/cli/used-before-defined.ipynb', '--exit-zero'])).code, 0);
  });

  it('exits 2 for a path that does not exist, after checking the others', async () => {
    const run = await cli(['check', 'no/such/folder', 'test/fixtures/cli/clean.ipynb']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no\/such\/folder: no such file or folder/);
    assert.deepEqual(run.lines, ['All checks passed! (1 notebook)']);
  });

  it('exits 2 for a file that cannot be read, even with --exit-zero, and checks the rest', async () => {
    const unreadable = join(FIXTURES, 'clean.ipynb');
    const readFile = (path: string) => {
      if (path === unreadable) throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
      return readFileSync(path);
    };
    const run = await cli(
      ['check', 'test/fixtures/cli/clean.ipynb', 'test/fixtures/cli/used-before-defined.ipynb', '--exit-zero'],
      {
        deps: { readFile },
      },
    );
    assert.equal(run.code, 2);
    assert.match(run.stderr, /cannot read test\/fixtures\/cli\/clean\.ipynb: EACCES/);
    assert.ok(run.lines[0].startsWith(NH102_LINE));
    assert.equal(run.lines[1], 'Found 1 finding (1 error) in 1 notebook. 1 file could not be read.');
  });

  it('exits 2 on usage errors with a message on stderr', async () => {
    for (const args of [
      [],
      ['lint', '.'],
      ['check', '--format', 'xml', '.'],
      ['check', '--select', 'NH999', '.'],
      ['check', '--bogus'],
    ]) {
      const run = await cli(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, /^nbhygiene: .+\nRun 'nbhygiene --help'/, args.join(' '));
      assert.equal(run.stdout, '');
    }
  });

  it('prints help and version on stdout with exit 0', async () => {
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /nbhygiene check/);
    const version = await cli(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^nbhygiene \d+\.\d+\.\d+\n$/);
  });
});

describe('nbhygiene check, rule selection', () => {
  it('--ignore and --select filter findings by code or prefix', async () => {
    const all = ['check', 'out-of-order.ipynb', 'used-before-defined.ipynb'];
    const ignored = await cli([...all, '--ignore', 'NH102'], { cwd: FIXTURES });
    assert.deepEqual(
      ignored.lines.map((line) => line.split(': ')[1]?.split(' ')[0]),
      ['NH101', undefined],
    );
    const selected = await cli([...all, '--select', 'nh10', '--select', 'NH004'], { cwd: FIXTURES });
    assert.equal(selected.lines.length, 3);
    const only = await cli([...all, '--select', 'NH102'], { cwd: FIXTURES });
    assert.equal(only.lines.length, 2);
    assert.match(only.lines[0], / NH102 /);
  });

  it('--extend-select turns on a rule that is off by default (NH207), beside the default rules', async () => {
    const root = tempFolder({ 'nb.ipynb': notebookJson(['import os', 'x = os.sep', 'import pandas as pd']) });
    const codes = (lines: string[]) => lines.map((line) => line.split(': ')[1]?.split(' ')[0]).filter(Boolean);
    assert.ok(!codes((await cli(['check', 'nb.ipynb', '--exit-zero'], { cwd: root })).lines).includes('NH207'));
    const extended = codes(
      (await cli(['check', 'nb.ipynb', '--exit-zero', '--extend-select', 'NH207'], { cwd: root })).lines,
    );
    assert.ok(extended.includes('NH207') && extended.includes('NH206'), extended.join(' '));
  });

  it('applies [tool.nbhygiene] from the nearest pyproject.toml, which CLI flags override', async () => {
    const root = tempFolder({
      '.git/HEAD': '',
      'pyproject.toml': '[tool.nbhygiene]\nignore = ["NH102"]\nseverity = { NH101 = "info" }\n',
      'requirements.txt': 'pandas==2.2.2\n',
      'nb/a.ipynb': fixture('used-before-defined.ipynb'),
      'nb/b.ipynb': fixture('out-of-order.ipynb'),
    });
    const configured = await cli(['check', 'nb'], { cwd: root });
    assert.equal(configured.code, 0, configured.stdout); // NH102 ignored, NH101 now info: below --fail-on warning
    assert.deepEqual(
      configured.lines.map((line) => line.split(': ')[1]?.split(' ')[0]),
      ['NH101', undefined],
    );
    assert.match(configured.lines[1], /\(1 info\)/);
    const overridden = await cli(['check', 'nb', '--select', 'NH102'], { cwd: root });
    assert.equal(overridden.code, 1);
    assert.match(overridden.lines[0], /^nb\/a\.ipynb:cell 3:1:7: NH102 /);
  });

  it('warns about problems in pyproject.toml once and keeps going', async () => {
    const root = tempFolder({
      '.git/HEAD': '',
      'pyproject.toml': '[tool.nbhygiene]\nselect = ["NH1", "XYZ"]\ncolour = true\n',
      'a.ipynb': fixture('clean.ipynb'),
      'b.ipynb': fixture('clean.ipynb'),
    });
    const run = await cli(['check', '.'], { cwd: root });
    assert.equal(run.code, 0);
    const warnings = run.stderr.trim().split('\n');
    assert.equal(warnings.length, 2, run.stderr);
    assert.match(warnings[0], /^nbhygiene: warning: pyproject\.toml: .*'XYZ'/);
    assert.match(warnings[1], /unknown key 'colour'/);
  });
});

describe('nbhygiene check --format json', () => {
  it('gives version, every notebook with its findings (0-based), and a summary', async () => {
    const run = await cli(['check', 'clean.ipynb', 'used-before-defined.ipynb', 'invalid.ipynb', '--format', 'json'], {
      cwd: FIXTURES,
    });
    assert.equal(run.code, 1);
    const report = JSON.parse(run.stdout);
    assert.equal(report.version, 1);
    assert.deepEqual(
      report.notebooks.map((nb: { path: string }) => nb.path),
      ['clean.ipynb', 'invalid.ipynb', 'used-before-defined.ipynb'],
    );
    const [nh102] = report.notebooks[2].findings;
    assert.equal(nh102.code, 'NH102');
    assert.equal(nh102.cellIndex, 2); // printed as "cell 3"
    assert.deepEqual(nh102.range.start, { line: 0, character: 6 }); // printed as "1:7"
    assert.equal(report.notebooks[1].findings[0].code, 'NH001');
    assert.deepEqual(report.summary, { notebooks: 3, findings: 2, errors: 2, warnings: 0, info: 0, unreadable: 0 });
    assert.deepEqual(report.unreadable, []);
  });

  it('--output writes the report to a file and nothing to stdout', async () => {
    const root = tempFolder({ 'a.ipynb': fixture('used-before-defined.ipynb'), 'requirements.txt': 'pandas==2.2.2\n' });
    const run = await cli(['check', 'a.ipynb', '--format', 'json', '--output', 'report.json'], { cwd: root });
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    const report = JSON.parse(readFileSync(join(root, 'report.json'), 'utf8'));
    assert.equal(report.notebooks[0].findings[0].code, 'NH102');
  });
});

describe('pieces', () => {
  const base: Finding = {
    code: 'NH104',
    severity: 'warning',
    message: 'line one\nline two',
    notebook: 'a.ipynb',
    cellIndex: 0,
    range: rangeOf(4, 0, 4, 3),
    related: [],
    fixes: [],
  };

  it('formats locations 1-based and keeps each finding on one line', () => {
    assert.equal(formatFinding('a.ipynb', base), 'a.ipynb:cell 1:5:1: NH104 line one line two');
    assert.equal(
      formatFinding('a.ipynb', { ...base, cellIndex: null, range: rangeOf(0, 0, 0, 0) }),
      'a.ipynb:1:1: NH104 line one line two',
    );
  });

  it('writes the summary in the singular and plural a person expects', () => {
    const summary = { notebooks: 3, findings: 12, errors: 2, warnings: 8, info: 2, unreadable: 0 };
    assert.equal(formatSummary(summary), 'Found 12 findings (2 errors, 8 warnings, 2 info) in 3 notebooks.');
    assert.equal(
      formatSummary({ ...summary, findings: 0, errors: 0, warnings: 0, info: 0 }),
      'All checks passed! (3 notebooks)',
    );
  });

  it('finds the nearest pyproject.toml with [tool.nbhygiene], stops at the git root, reads each once', async () => {
    const root = tempFolder({
      'pyproject.toml': '[tool.nbhygiene]\nignore = ["NH101"]\n', // above the git root: never used
      'repo/.git/HEAD': '',
      'repo/pyproject.toml': '[tool.nbhygiene]\nignore = ["NH104"]\n',
      'repo/sub/pyproject.toml': '[project]\nname = "no-table"\n',
      'repo/sub/deeper/x.ipynb': '{}',
      'repo/sub/y.ipynb': '{}',
      'other/repo2/.git/HEAD': '',
      'other/repo2/z.ipynb': '{}',
    });
    const loaded: string[] = [];
    const locator = createConfigLocator(NODE_HOST, (config) => loaded.push(config.path!));
    const x = await locator.configFor(join(root, 'repo/sub/deeper/x.ipynb'));
    const y = await locator.configFor(join(root, 'repo/sub/y.ipynb'));
    assert.equal(x.path, join(root, 'repo', 'pyproject.toml'));
    assert.deepEqual(x.config.ignore, ['NH104']);
    assert.equal(y.path, x.path);
    assert.deepEqual(loaded, [x.path]);
    const z = await locator.configFor(join(root, 'other/repo2/z.ipynb'));
    assert.equal(z.path, null);
    assert.deepEqual(z.config.ignore, []);
  });
});
