// NH201-NH207 on small notebooks and in-memory projects: what fires, where, what it says, and what stays quiet.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG, type NbhygieneConfig } from '../../src/core/config/config';
import { loadProjectContext, type ProjectContext } from '../../src/core/deps/project';
import { ruleInfo } from '../../src/core/rules/registry';
import type { Finding } from '../../src/core/types';
import { memoryHost } from '../helpers/memory-host';
import { notebookJson, testEngine, type CellSpec } from '../helpers/notebook';

const NOTEBOOK = '/p/nb.ipynb';

async function project(files: Record<string, string>): Promise<ProjectContext> {
  const inProject = Object.fromEntries(Object.entries(files).map(([path, text]) => [`/p/${path}`, text]));
  return loadProjectContext(NOTEBOOK, memoryHost({ '/p/.git/HEAD': '', [NOTEBOOK]: '{}', ...inProject }));
}

async function run(
  cells: (string | CellSpec)[],
  context: ProjectContext | null = null,
  config?: NbhygieneConfig,
): Promise<Finding[]> {
  return (await testEngine()).check(notebookJson(cells), NOTEBOOK, config, context).findings;
}

/** `CODE cell:line:col` (1-based, like the CLI) for the NH2xx findings. */
async function codes(
  cells: (string | CellSpec)[],
  context: ProjectContext | null = null,
  prefix = 'NH2',
): Promise<string[]> {
  return (await run(cells, context))
    .filter((f) => f.code.startsWith(prefix))
    .map(
      (f) =>
        `${f.code} ${f.cellIndex === null ? '-' : f.cellIndex + 1}:${f.range.start.line + 1}:${f.range.start.character + 1}`,
    );
}

describe('registry', () => {
  it('has NH201-NH207 in the dependencies family', () => {
    for (const code of ['NH201', 'NH202', 'NH203', 'NH204', 'NH205', 'NH206', 'NH207']) {
      assert.equal(ruleInfo(code)?.family, 'dependencies', code);
    }
    assert.equal(ruleInfo('NH207')?.defaultSeverity, 'info');
  });
});

describe('NH201 unpinned install', () => {
  it('flags each unpinned package of an install, on the package', async () => {
    assert.deepEqual(await codes(['%pip install numpy "pandas>=2" scipy==1.13.0 "torch~=2.1"'], null, 'NH201'), [
      'NH201 1:1:14',
      'NH201 1:1:20',
      'NH201 1:1:46',
    ]);
  });

  it('is quiet for pins, hashes-free exact URLs, commits and -r files', async () => {
    assert.deepEqual(
      await codes(
        [
          '%pip install numpy==1.26.4 pkg@git+https://github.com/o/pkg.git@0123456789abcdef -r requirements.txt\n%conda install pandas==2.2.1',
        ],
        null,
        'NH201',
      ),
      [],
    );
  });

  it('treats conda numpy=1.26 as unpinned', async () => {
    assert.deepEqual(await codes(['%conda install numpy=1.26'], null, 'NH201'), ['NH201 1:1:16']);
  });

  it('counts a lock entry as a pin', async () => {
    const context = await project({
      'uv.lock': '[[package]]\nname = "numpy"\nversion = "1.26.4"\n',
      'pyproject.toml': '[project]\ndependencies = ["numpy"]\n',
    });
    assert.deepEqual(await codes(['%pip install numpy requests'], context, 'NH201'), ['NH201 1:1:20']);
  });

  it('explains an unquoted >= that the shell took as a redirection', async () => {
    const [finding] = (await run(['!pip install pandas>=2'])).filter((f) => f.code === 'NH201');
    assert.match(finding!.message, /redirection: quote the requirement/);
  });
});

describe('NH202 shell install', () => {
  it('flags !pip and !python -m pip, on the installer words', async () => {
    assert.deepEqual(
      await codes(['!pip install -q numpy==1.26.4\n!python3 -m pip install pandas==2.2.1'], null, 'NH202'),
      ['NH202 1:1:1', 'NH202 1:2:1'],
    );
  });

  it('is quiet for %pip, automagic pip, %conda and !{sys.executable} -m pip', async () => {
    assert.deepEqual(
      await codes(
        [
          '%pip install a==1',
          'pip install b==1',
          '%conda install c==1',
          'import sys\n!{sys.executable} -m pip install d==1',
        ],
        null,
        'NH202',
      ),
      [],
    );
  });
});

describe('NH203 undeclared import', () => {
  it('flags a third-party import no manifest, lock or install declares, and says how it was resolved', async () => {
    const context = await project({ 'requirements.txt': 'pandas==2.2.1\n' });
    const findings = (
      await run(
        ['import os, sys\nimport pandas as pd\nimport cv2\nfrom sklearn.linear_model import LinearRegression'],
        context,
      )
    ).filter((f) => f.code === 'NH203');
    assert.deepEqual(
      findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}`),
      ['3:8', '4:6'],
    );
    assert.match(
      findings[0]!.message,
      /^opencv-python \(imported as 'cv2', resolved by the import map\) is declared by no manifest/,
    );
    assert.match(
      findings[1]!.message,
      /^scikit-learn \(imported as 'sklearn.linear_model', resolved by the import map\)/,
    );
  });

  it('accepts a declaration in any manifest, a lock entry, a notebook install or a PEP 723 block, compared by PEP 503 names', async () => {
    const context = await project({
      'requirements.txt': 'Scikit_Learn==1.5.0\n',
      'poetry.lock': '[[package]]\nname = "requests"\nversion = "2.31.0"\n',
      'environment.yml': 'dependencies:\n  - conda-forge::py-opencv=4.9\n',
    });
    const cells = [
      '# /// script\n# dependencies = ["rich==13.7.1"]\n# ///\nimport rich',
      '%pip install tqdm==4.66.2',
      'import sklearn, requests, cv2, tqdm',
    ];
    assert.deepEqual(await codes(cells, context, 'NH203'), []);
  });

  it('resolves `from namespace import name` through the imported names', async () => {
    const context = await project({ 'requirements.txt': 'google-cloud-storage==2.16.0\n' });
    const findings = (
      await run(['from google.cloud import (storage,\n    bigquery as bq)\nfrom google import genai'], context)
    ).filter((f) => f.code === 'NH203');
    assert.deepEqual(
      findings.map((f) => f.message.split(' ')[0]),
      ['google-cloud-bigquery', 'google-genai'],
    );
  });

  it('reports each distribution once, at its first import', async () => {
    const context = await project({ 'requirements.txt': 'numpy==1.26.4\n' });
    assert.deepEqual(await codes(['import yaml', 'from yaml import safe_load'], context, 'NH203'), ['NH203 1:1:8']);
  });

  it('knows local modules, %%writefile targets, the standard library and kernel-provided modules', async () => {
    const context = await project({ 'requirements.txt': 'numpy==1.26.4\n', 'helpers.py': '', 'pkg/__init__.py': '' });
    const cells = [
      '%%writefile utils_nb.py\ndef f(): pass',
      'import helpers, pkg.sub, utils_nb, json, tomllib, distutils\nfrom . import sibling\nfrom IPython.display import display\nfrom google.colab import drive',
    ];
    assert.deepEqual(await codes(cells, context, 'NH203'), []);
  });

  it('uses [tool.nbhygiene.import-map] from pyproject.toml', async () => {
    const context = await project({
      'pyproject.toml':
        '[project]\ndependencies = ["acme-sdk==1.0"]\n\n[tool.nbhygiene.import-map]\nacme = "acme-sdk"\n',
    });
    assert.deepEqual(await codes(['import acme'], context, 'NH203'), []);
  });

  it('needs a project: without one, and without any manifest, NH203 stays quiet', async () => {
    assert.deepEqual(await codes(['import numpy'], null, 'NH203'), []);
    assert.deepEqual(await codes(['import numpy'], await project({}), 'NH203'), []);
  });
});

describe('NH204 unpinned declaration', () => {
  it('flags the import of a distribution declared without a pin, pointing at the manifest line', async () => {
    const context = await project({ 'requirements.txt': '# tools\npandas>=2\nnumpy==1.26.4\n' });
    const [finding, ...rest] = (await run(['import numpy as np\nimport pandas as pd'], context)).filter(
      (f) => f.code === 'NH204',
    );
    assert.equal(rest.length, 0);
    assert.deepEqual([finding!.cellIndex, finding!.range.start.line], [0, 1]);
    assert.match(
      finding!.message,
      /^pandas \(imported as 'pandas', resolved by the import name\) is declared in requirements.txt as '>=2', and no lock file pins it/,
    );
    assert.deepEqual(
      finding!.related.map((r) => `${r.file}:${r.range.start.line}:${r.range.start.character}`),
      ['/p/requirements.txt:1:0'],
    );
  });

  it('is quiet when a lock file, another manifest or a notebook install pins it', async () => {
    const locked = await project({
      'pyproject.toml': '[project]\ndependencies = ["pandas>=2"]\n',
      'uv.lock': '[[package]]\nname = "pandas"\nversion = "2.2.1"\n',
    });
    assert.deepEqual(await codes(['import pandas'], locked, 'NH204'), []);
    const pinnedElsewhere = await project({
      'pyproject.toml': '[project]\ndependencies = ["pandas>=2"]\n',
      'requirements.txt': 'pandas==2.2.1\n',
    });
    assert.deepEqual(await codes(['import pandas'], pinnedElsewhere, 'NH204'), []);
    const installed = await project({ 'requirements.txt': 'pandas\n' });
    assert.deepEqual(await codes(['%pip install pandas==2.2.1', 'import pandas'], installed, 'NH204'), []);
  });

  it('points into a PEP 723 block in the first cell', async () => {
    const [finding] = (
      await run(['# /// script\n# dependencies = ["numpy>=1.26"]\n# ///\nimport numpy'], await project({}))
    ).filter((f) => f.code === 'NH204');
    assert.deepEqual(
      finding!.related.map((r) => `${r.cellIndex}:${r.range.start.line}`),
      ['0:1'],
    );
    assert.match(finding!.message, /declared in the '# \/\/\/ script' block in cell 1 as '>=1.26'/);
  });
});

describe('NH205 conflicting versions', () => {
  it('flags an install pin that differs from the manifest pin or the lock', async () => {
    const context = await project({
      'requirements.txt': 'numpy==1.26.4\npandas>=2\n',
      'pdm.lock': '[[package]]\nname = "torch"\nversion = "2.1.0"\n',
    });
    const findings = (
      await run(
        ['%pip install numpy==1.25.0 pandas==1.5.3 torch==2.2.0 scipy==1.13.0', '%pip install numpy==1.26.4.0'],
        context,
      )
    ).filter((f) => f.code === 'NH205');
    assert.deepEqual(
      findings.map((f) => `${f.cellIndex}:${f.range.start.character}`),
      ['0:13', '0:27', '0:41'],
    );
    assert.match(findings[0]!.message, /numpy is installed as 1.25.0 here, but requirements.txt has numpy ==1.26.4/);
    assert.match(findings[1]!.message, /requirements.txt has pandas >=2/);
    assert.match(findings[2]!.message, /pdm.lock locks torch 2.1.0/);
    assert.equal(findings[2]!.related[0]!.file, '/p/pdm.lock');
  });
});

describe('NH206 no manifest', () => {
  it('fires once for the notebook when third-party imports have no manifest up to the root', async () => {
    const findings = (
      await run(
        ['import numpy as np, os\nimport matplotlib.pyplot as plt', '%pip install seaborn==0.13.2'],
        await project({}),
      )
    ).filter((f) => f.code === 'NH206');
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.cellIndex, null);
    assert.match(findings[0]!.message, /imports numpy, matplotlib, but no requirements.txt/);
    assert.deepEqual(
      findings[0]!.related.map((r) => `${r.cellIndex}:${r.range.start.line}`),
      ['0:0', '0:1'],
    );
  });

  it('is quiet with a manifest, with only standard-library imports, and without a project context', async () => {
    assert.deepEqual(
      await codes(
        ['import numpy'],
        await project({ 'setup.cfg': '[options]\ninstall_requires =\n    numpy\n' }),
        'NH206',
      ),
      [],
    );
    assert.deepEqual(await codes(['import os, json'], await project({}), 'NH206'), []);
    assert.deepEqual(await codes(['import numpy'], null, 'NH206'), []);
  });
});

describe('NH207 a third-party package first imported after the first code cell', () => {
  const selected: NbhygieneConfig = { ...DEFAULT_CONFIG, extendSelect: ['NH207'] };
  const lateImports = async (cells: string[], config = selected) =>
    (await run(cells, null, config))
      .filter((f) => f.code === 'NH207')
      .map((f) => `${f.cellIndex! + 1}:${f.range.start.line + 1}:${f.range.start.character + 1}`);

  it('is off by default', async () => {
    assert.deepEqual(await lateImports(['import numpy as np', 'import pandas as pd'], DEFAULT_CONFIG), []);
  });

  it('flags, once selected, the first late import of a third-party package', async () => {
    assert.deepEqual(
      await lateImports([
        '%pip install numpy==1.26.4\n# setup',
        'import numpy as np',
        'x = np.ones(3)',
        'import pandas as pd\nimport pandas.plotting',
      ]),
      ['4:1:8'],
    );
  });

  it('is quiet for the standard library, IPython, and packages an earlier cell already imports', async () => {
    assert.deepEqual(
      await lateImports([
        'import sklearn\nimport numpy as np',
        'from sklearn.svm import SVC\nimport numpy.linalg\nfrom os import path\nimport json\nfrom IPython.display import display',
      ]),
      [],
    );
  });

  it('is quiet when every import is in one cell, and ignores imports inside functions', async () => {
    assert.deepEqual(
      await lateImports(['import os\nimport sys', 'def f():\n    import pandas\n    return pandas']),
      [],
    );
  });
});
