// `check` and `report` read a project the same way: the same config and the same project context (with the
// config's tests folder) give the same findings, whichever command prints them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCliCapturing, tempFolder } from '../helpers/cli-fixtures';
import { notebookJson } from '../helpers/notebook';

/** The codes of each notebook's findings in `check --format json`, sorted. */
function codesFromJson(json: string): Map<string, string[]> {
  const report = JSON.parse(json) as { notebooks: { path: string; findings: { code: string }[] }[] };
  return new Map(
    report.notebooks.map((notebook) => [notebook.path, notebook.findings.map((finding) => finding.code).sort()]),
  );
}

/** The codes of each notebook's findings in the workspace report: one <article> per notebook, one code cell per finding. */
function codesFromHtml(html: string, paths: readonly string[]): Map<string, string[]> {
  const articles = html.split('<article class="notebook"').slice(1);
  const codes = new Map<string, string[]>();
  for (const article of articles) {
    const path = paths.find((candidate) => article.includes(candidate));
    assert.ok(path !== undefined, 'every article names its notebook');
    codes.set(
      path,
      [...article.matchAll(/<td class="code"><a [^>]*>(NH\d+)<\/a><\/td>/g)].map((match) => match[1]!).sort(),
    );
  }
  return codes;
}

describe('check and report agree', () => {
  it('on a project whose [tool.nbhygiene] tests folder is not tests/', async () => {
    const root = tempFolder({
      '.git': '',
      'pyproject.toml': '[tool.nbhygiene]\ntests = "spec"\n',
      'spec/test_x.py': 'def test_x():\n    assert True\n',
      'analysis.ipynb': notebookJson([{ source: 'def clean(text):\n    return text.strip()', count: 1 }]),
      'more/other.ipynb': notebookJson([
        { source: 'def scale(x):\n    return 2 * x', count: 1 },
        { source: 'print(scale(2))', count: 2 },
      ]),
    });
    const paths = ['analysis.ipynb', join('more', 'other.ipynb')];
    const check = await runCliCapturing(['check', '.', '--format', 'json', '--exit-zero'], root);
    assert.equal(check.code, 0, check.stderr);
    const report = await runCliCapturing(['report', '.'], root);
    assert.equal(report.code, 0, report.stderr);
    const fromCheck = codesFromJson(check.stdout);
    assert.deepEqual([...fromCheck.keys()].sort(), [...paths].sort());
    assert.ok(!fromCheck.get('analysis.ipynb')!.includes('NH304'), 'spec/ holds the tests, so the project has some');
    assert.deepEqual(codesFromHtml(report.stdout, paths), fromCheck);
  });
});
