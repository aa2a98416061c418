// Each dependency fix as an EditPlan, applied to the notebook text and the project's files, then compared.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadProjectContext, type ProjectContext } from '../../src/core/deps/project';
import {
  applyCellEditsToNotebookText,
  applyFileEdits,
  applyTextEdits,
  sourceLines,
} from '../../src/core/refactor/apply-plan';
import { knownVersion } from '../../src/core/refactor/dependency-fixes';
import { addToPyprojectText, addToRequirementsText } from '../../src/core/refactor/manifest-edits';
import { answerPlan, type EditPlan, type Finding } from '../../src/core/types';
import { memoryHost } from '../helpers/memory-host';
import { notebookJson, testEngine, type CellSpec } from '../helpers/notebook';

const NOTEBOOK = '/p/nb.ipynb';
const SITE = '/p/.venv/lib/python3.11/site-packages';

function dist(name: string, version: string, top: string): Record<string, string> {
  const folder = `${SITE}/${name.replace(/-/g, '_')}-${version}.dist-info`;
  return { [`${folder}/METADATA`]: `Name: ${name}\nVersion: ${version}\n`, [`${folder}/top_level.txt`]: `${top}\n` };
}

interface Scenario {
  files: Map<string, string>;
  notebook: string;
  findings: Finding[];
}

async function scenario(cells: (string | CellSpec)[], files: Record<string, string>): Promise<Scenario> {
  const inProject = Object.fromEntries(
    Object.entries(files).map(([path, text]) => [path.startsWith('/') ? path : `/p/${path}`, text]),
  );
  const host = memoryHost({ '/p/.git/HEAD': '', ...inProject });
  const notebook = notebookJson(cells);
  const project: ProjectContext = await loadProjectContext(NOTEBOOK, host);
  const findings = (await testEngine()).check(notebook, NOTEBOOK, undefined, project).findings;
  return { files: host.files, notebook, findings };
}

function planOf(s: Scenario, code: string, title: RegExp, nth = 0): EditPlan {
  const fixes = s.findings
    .filter((f) => f.code === code)
    .flatMap((f) => f.fixes)
    .filter((fix) => title.test(fix.title));
  assert.ok(
    fixes[nth],
    `no ${code} fix matching ${title}; have: ${s.findings.flatMap((f) => f.fixes.map((x) => `${f.code} ${x.title}`)).join(' | ')}`,
  );
  return fixes[nth].plan;
}

/** The notebook's code cell sources and the changed files after the plan. */
function apply(s: Scenario, plan: EditPlan): { cells: string[]; files: Map<string, string> } {
  const text = applyCellEditsToNotebookText(s.notebook, plan.cellEdits);
  const result = applyFileEdits(s.files, plan.fileEdits);
  assert.deepEqual(result.conflicts, []);
  const cells = (JSON.parse(text) as { cells: { source: string | string[] }[] }).cells.map((c) =>
    Array.isArray(c.source) ? c.source.join('') : c.source,
  );
  return { cells, files: result.files };
}

describe('applying plans', () => {
  it('applies text edits from the end, and refuses overlapping ones', () => {
    const at = (line: number, a: number, b: number) => ({ start: { line, character: a }, end: { line, character: b } });
    assert.equal(
      applyTextEdits('ab\ncd', [
        { range: at(1, 0, 1), newText: 'X' },
        { range: at(0, 2, 2), newText: '!' },
      ]),
      'ab!\nXd',
    );
    assert.throws(
      () =>
        applyTextEdits('abcd', [
          { range: at(0, 0, 2), newText: '' },
          { range: at(0, 1, 3), newText: '' },
        ]),
      /overlapping/,
    );
  });

  it('writes sources as Jupyter does: a list of lines, indent 1, non-ASCII kept, the rest of the file untouched', () => {
    const original = {
      cells: [
        {
          cell_type: 'code',
          execution_count: 1,
          id: 'a',
          metadata: { scrolled: 1.0 },
          outputs: [{ output_type: 'stream', name: 'stdout', text: ['é\n'] }],
          source: ['!pip install numpy\n', 'x = "ü"'],
        },
        { cell_type: 'markdown', id: 'b', metadata: {}, source: ['# Titre — ünïcode'] },
      ],
      metadata: { widgets: { version: 2.0 } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    // Python's json.dumps writes 1.0 and 2.0, which JSON.stringify would turn into 1 and 2.
    const text = `${JSON.stringify(original, null, 1).replace('"scrolled": 1', '"scrolled": 1.0').replace('"version": 2', '"version": 2.0')}\n`;
    const edited = applyCellEditsToNotebookText(text, [
      { cellIndex: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, newText: '%pip' },
    ]);
    const expected = text.replace('"!pip install numpy\\n"', '"%pip install numpy\\n"');
    assert.equal(edited, expected);
    assert.ok(edited.includes('"# Titre — ünïcode"'));
    assert.ok(edited.endsWith('}\n'));
  });

  it('re-serialises a notebook it cannot edit in place, and handles a string source', () => {
    const text = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [{ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: 'a\nb\n' }],
    });
    const edited = applyCellEditsToNotebookText(text, [
      { cellIndex: 0, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, newText: 'c' },
    ]);
    assert.deepEqual(JSON.parse(edited).cells[0].source, ['a\n', 'c\n']);
    assert.deepEqual(sourceLines(''), []);
    assert.deepEqual(sourceLines('x\n'), ['x\n']);
  });

  it('reports a file that changed since the plan was made, and one that appeared', () => {
    const files = new Map([['/p/requirements.txt', 'numpy\n']]);
    const result = applyFileEdits(files, [
      { path: '/p/requirements.txt', expectedOldText: 'pandas\n', newText: 'x' },
      { path: '/p/requirements.txt', expectedOldText: null, newText: 'y' },
    ]);
    assert.deepEqual(result.conflicts, ['/p/requirements.txt', '/p/requirements.txt']);
    assert.equal(result.files.get('/p/requirements.txt'), 'numpy\n');
  });
});

const env = {
  ...dist('numpy', '1.26.4', 'numpy'),
  ...dist('pandas', '2.2.2', 'pandas'),
  ...dist('requests', '2.32.3', 'requests'),
};

describe('pin fixes', () => {
  it('NH201: pins an install to the installed version, keeping quotes and extras', async () => {
    const s = await scenario(['%pip install numpy "pandas[excel]>=2" requests'], {
      ...env,
      'requirements.txt': 'numpy\npandas\nrequests\n',
    });
    const titles = s.findings.filter((f) => f.code === 'NH201').map((f) => f.fixes[0]!.title);
    assert.deepEqual(titles, [
      'Pin numpy to 1.26.4 (the installed version)',
      'Pin pandas to 2.2.2 (the installed version)',
      'Pin requests to 2.32.3 (the installed version)',
    ]);
    const plans = s.findings.filter((f) => f.code === 'NH201').map((f) => f.fixes[0]!.plan);
    const merged: EditPlan = { cellEdits: plans.flatMap((p) => p.cellEdits), fileEdits: [] };
    assert.deepEqual(apply(s, merged).cells, ['%pip install numpy==1.26.4 "pandas[excel]==2.2.2" requests==2.32.3']);
  });

  it('takes the installed version first, else the locked one; without either the pin fix asks for the version', async () => {
    const locked = await loadProjectContext(
      NOTEBOOK,
      memoryHost({
        '/p/.git/HEAD': '',
        '/p/pdm.lock': '[[package]]\nname = "numba"\nversion = "0.59.1"\n',
        ...dist('numba', '0.60.0', 'numba'),
      }),
    );
    assert.deepEqual(knownVersion(locked, ['numba']), { version: '0.60.0', from: 'installed' });
    const lockOnly = await loadProjectContext(
      NOTEBOOK,
      memoryHost({ '/p/.git/HEAD': '', '/p/pdm.lock': '[[package]]\nname = "numba"\nversion = "0.59.1"\n' }),
    );
    assert.deepEqual(knownVersion(lockOnly, ['numba']), { version: '0.59.1', from: 'lock' });
    assert.equal(knownVersion(lockOnly, ['scipy']), null);
    const [finding] = (
      await scenario(['%conda install scipy=1.13'], { 'environment.yml': 'dependencies:\n  - scipy\n' })
    ).findings.filter((f) => f.code === 'NH201');
    const pins = finding!.fixes.filter((f) => f.title.startsWith('Pin'));
    assert.deepEqual(
      pins.map((f) => [f.title, f.safe, f.isPreferred, f.ask?.prompt]),
      [['Pin scipy to a version…', false, false, 'Version of scipy to pin (as in ==X.Y.Z)']],
    );
    assert.deepEqual(
      answerPlan(pins[0]!, '1.13.1').cellEdits.map((edit) => edit.newText),
      ['==1.13.1'],
    );
  });

  it('pins a conda install with == (conda reads =1.13 as 1.13.*)', async () => {
    const s = await scenario(['%conda install -c conda-forge scipy=1.13'], {
      'environment.yml': 'dependencies:\n  - scipy\n',
      ...dist('scipy', '1.13.1', 'scipy'),
    });
    assert.deepEqual(apply(s, planOf(s, 'NH201', /^Pin scipy to 1\.13\.1/)).cells, [
      '%conda install -c conda-forge scipy==1.13.1',
    ]);
  });

  it('NH204: pins the declaration in requirements.txt, pyproject.toml, Poetry, environment.yml, Pipfile and PEP 723', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ 'requirements.txt': 'pandas >= 2.0  # frames\n' }, '/p/requirements.txt', 'pandas==2.2.2  # frames\n'],
      [
        { 'pyproject.toml': '[project]\ndependencies = [\n  "pandas[excel]>=2 ; python_version >= \'3.9\'",\n]\n' },
        '/p/pyproject.toml',
        '[project]\ndependencies = [\n  "pandas[excel]==2.2.2 ; python_version >= \'3.9\'",\n]\n',
      ],
      [
        {
          'pyproject.toml':
            '[tool.poetry.dependencies]\npython = "^3.11"\npandas = { version = "^2.1", extras = ["excel"] }\n',
        },
        '/p/pyproject.toml',
        '[tool.poetry.dependencies]\npython = "^3.11"\npandas = { version = "2.2.2", extras = ["excel"] }\n',
      ],
      [
        { 'environment.yml': 'dependencies:\n  - conda-forge::pandas=2.2\n' },
        '/p/environment.yml',
        'dependencies:\n  - conda-forge::pandas==2.2.2\n',
      ],
      [{ Pipfile: '[packages]\npandas = "*"\n' }, '/p/Pipfile', '[packages]\npandas = "==2.2.2"\n'],
    ];
    for (const [files, path, expected] of cases) {
      const s = await scenario(['import pandas'], { ...env, ...files });
      assert.equal(apply(s, planOf(s, 'NH204', /^Pin pandas to 2\.2\.2/)).files.get(path), expected, path);
    }
    const s = await scenario(['# /// script\n# dependencies = ["pandas>=2"]\n# ///\nimport pandas'], env);
    assert.equal(
      apply(s, planOf(s, 'NH204', /^Pin pandas/)).cells[0],
      '# /// script\n# dependencies = ["pandas==2.2.2"]\n# ///\nimport pandas',
    );
  });

  it('NH205: sets the install to the version the project pins', async () => {
    const s = await scenario(['%pip install numpy==1.25.0'], { 'requirements.txt': 'numpy==1.26.4\n' });
    assert.deepEqual(apply(s, planOf(s, 'NH205', /^Install numpy 1\.26\.4/)).cells, ['%pip install numpy==1.26.4']);
  });
});

describe('NH202: %pip instead of !pip', () => {
  it('rewrites !pip and !python -m pip, keeping the arguments, as the safe preferred fix', async () => {
    const s = await scenario(
      ['!pip install -q numpy==1.26.4\nif True:\n    !python3 -m pip install "pandas==2.2.1"'],
      {},
    );
    const fixes = s.findings.filter((f) => f.code === 'NH202').map((f) => f.fixes[0]!);
    assert.ok(fixes.every((fix) => fix.safe && fix.isPreferred));
    const plan: EditPlan = { cellEdits: fixes.flatMap((fix) => fix.plan.cellEdits), fileEdits: [] };
    assert.deepEqual(apply(s, plan).cells, [
      '%pip install -q numpy==1.26.4\nif True:\n    %pip install "pandas==2.2.1"',
    ]);
  });

  it('offers no rewrite for a chained or assigned command', async () => {
    const s = await scenario(['!pip install a==1 && ls\nout = !pip install b==1'], {});
    assert.deepEqual(
      s.findings.filter((f) => f.code === 'NH202').map((f) => f.fixes.length),
      [0, 0],
    );
  });
});

describe('adding to the manifest', () => {
  it('NH203: appends to an unsorted requirements.txt, pinned to the installed version', async () => {
    const s = await scenario(['import pandas, numpy'], { ...env, 'requirements.txt': 'pandas==2.2.2' });
    assert.equal(
      apply(s, planOf(s, 'NH203', /^Add numpy==1\.26\.4 to requirements.txt$/)).files.get('/p/requirements.txt'),
      'pandas==2.2.2\nnumpy==1.26.4\n',
    );
  });

  it('inserts in sorted position when the file is sorted, and creates requirements.txt for NH206', async () => {
    assert.equal(
      addToRequirementsText('# deps\naiohttp\npandas\nzarr\n', [
        { name: 'numpy', requirement: 'numpy==1.26.4', version: '1.26.4' },
      ]),
      '# deps\naiohttp\nnumpy==1.26.4\npandas\nzarr\n',
    );
    const s = await scenario(['import requests, numpy\nimport cv2'], env);
    const plan = planOf(s, 'NH206', /^Create requirements.txt with numpy==1.26.4, opencv-python, requests==2.32.3$/);
    assert.deepEqual(
      plan.fileEdits.map((e) => [e.path, e.expectedOldText]),
      [['/p/requirements.txt', null]],
    );
    assert.equal(apply(s, plan).files.get('/p/requirements.txt'), 'numpy==1.26.4\nopencv-python\nrequests==2.32.3\n');
  });

  it('inserts several at once in the order the file is sorted in (CRLF kept), the greatest at the end', () => {
    const additions = ['torchaudio', 'zzz', 'numpy', 'torch-vision', 'pandas'].map((name) => ({
      name,
      requirement: name,
      version: null,
    }));
    assert.equal(
      addToRequirementsText('aiohttp\r\nzarr\r\n', additions),
      'aiohttp\r\nnumpy\r\npandas\r\ntorch-vision\r\ntorchaudio\r\nzarr\r\nzzz\r\n',
    );
    assert.equal(addToRequirementsText('zarr\naiohttp', additions.slice(0, 2)), 'zarr\naiohttp\ntorchaudio\nzzz\n');
  });

  it('adds to pyproject dependencies in their style: quotes, layout, order, trailing comma', () => {
    const add = (text: string) =>
      addToPyprojectText(text, [{ name: 'numpy', requirement: 'numpy==1.26.4', version: '1.26.4' }]);
    assert.equal(
      add('[project]\nname = "x"\ndependencies = [\n    "aiohttp",\n    "pandas>=2",\n]\n'),
      '[project]\nname = "x"\ndependencies = [\n    "aiohttp",\n    "numpy==1.26.4",\n    "pandas>=2",\n]\n',
    );
    assert.equal(
      add("[project]\ndependencies = ['pandas', 'aiohttp']\n"),
      "[project]\ndependencies = ['pandas', 'aiohttp', 'numpy==1.26.4']\n",
    );
    assert.equal(
      add('[project]\ndependencies = [\n  "pandas",\n  "zarr"\n]\n'),
      '[project]\ndependencies = [\n  "numpy==1.26.4",\n  "pandas",\n  "zarr"\n]\n',
    );
    assert.equal(
      add('[project]\ndependencies = [\n  "zarr",\n  "pandas"\n]\n'),
      '[project]\ndependencies = [\n  "zarr",\n  "pandas",\n  "numpy==1.26.4"\n]\n',
    );
    assert.equal(add('[project]\ndependencies = []\n'), '[project]\ndependencies = ["numpy==1.26.4"]\n');
    assert.equal(add('[project]\nname = "x"\n'), '[project]\ndependencies = [\n    "numpy==1.26.4",\n]\nname = "x"\n');
    assert.equal(
      add('[tool.poetry.dependencies]\npython = "^3.11"\npandas = "^2"\n\n[build-system]\n'),
      '[tool.poetry.dependencies]\npython = "^3.11"\npandas = "^2"\nnumpy = "1.26.4"\n\n[build-system]\n',
    );
    assert.equal(add('[tool.black]\n'), null);
  });

  it('NH203: adds to pyproject.toml when that is the manifest the project uses', async () => {
    const s = await scenario(['import pandas, numpy'], {
      ...env,
      'pyproject.toml': '[project]\ndependencies = ["pandas==2.2.2"]\n',
    });
    assert.equal(
      apply(s, planOf(s, 'NH203', /^Add numpy==1\.26\.4 to pyproject.toml$/)).files.get('/p/pyproject.toml'),
      '[project]\ndependencies = ["pandas==2.2.2", "numpy==1.26.4"]\n',
    );
  });
});

describe('moving installs into requirements.txt', () => {
  it('adds the installs to requirements.txt and leaves one %pip install -r line', async () => {
    const s = await scenario(
      [
        '%pip install -q numpy "pandas>=2"\n!pip install requests',
        'import numpy',
        'if True:\n    %pip install seaborn==0.13.2',
      ],
      { 'requirements.txt': 'numpy\n' },
    );
    const result = apply(s, planOf(s, 'NH201', /^Move the notebook's installs into requirements.txt/));
    assert.deepEqual(result.cells, ['%pip install -q -r requirements.txt\n', 'import numpy', 'if True:\n    pass']);
    assert.equal(result.files.get('/p/requirements.txt'), 'numpy\npandas>=2\nrequests\nseaborn==0.13.2\n');
  });
});
