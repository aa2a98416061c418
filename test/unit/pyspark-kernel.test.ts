// sparkmagic's PySpark kernel (kernelspec pysparkkernel, language ''; language_info.name 'pyspark', mimetype
// text/x-python) runs Python on the Spark cluster: it is analysed as Python, with the names the kernel provides.
// Its Scala sibling (sparkkernel, language_info.name 'scala') is still not analysed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadProjectContext } from '../../src/core/deps/project';
import { isPythonLanguage } from '../../src/core/notebook/language';
import { memoryHost } from '../helpers/memory-host';
import { notebookJson, testEngine } from '../helpers/notebook';

const PYSPARK = {
  kernelspec: { display_name: 'PySpark', language: '', name: 'pysparkkernel' },
  language_info: {
    codemirror_mode: { name: 'python', version: 2 },
    mimetype: 'text/x-python',
    name: 'pyspark',
    pygments_lexer: 'python2',
  },
};
const SPARK = {
  kernelspec: { display_name: 'Spark', language: '', name: 'sparkkernel' },
  language_info: { codemirror_mode: 'text/x-scala', mimetype: 'text/x-scala', name: 'scala', pygments_lexer: 'scala' },
};

async function codes(cells: string[], metadata: Record<string, unknown>): Promise<string[]> {
  const result = (await testEngine()).check(notebookJson(cells, metadata), 'test.ipynb');
  return result.findings.map((finding) => `${finding.code} ${finding.message}`);
}

describe('a PySpark kernel is analysed as Python', () => {
  it('pyspark and pyspark3 are Python kernel languages; scala is not', () => {
    assert.equal(isPythonLanguage('pyspark'), true);
    assert.equal(isPythonLanguage('pyspark3'), true);
    assert.equal(isPythonLanguage('scala'), false);
    assert.equal(isPythonLanguage('sparkr'), false);
  });

  it('no NH005 under pysparkkernel; its cells are checked, with sc and spark defined', async () => {
    const findings = await codes(
      ['df = spark.read.json("x")\nrdd = sc.parallelize([1])', 'print(undefined_name)'],
      PYSPARK,
    );
    assert.equal(findings.filter((f) => f.startsWith('NH005')).length, 0);
    assert.deepEqual(
      findings.filter((f) => f.startsWith('NH103')).map((f) => f.includes('undefined_name')),
      [true],
    );
  });

  it("the kernel's language_info says Python 2 (codemirror version 2, lexer python2): `print x` is no syntax error", async () => {
    const findings = await codes(['x = 1\nprint x'], PYSPARK);
    assert.deepEqual(
      findings.filter((f) => f.startsWith('NH004')),
      [],
    );
    const python3 = {
      ...PYSPARK,
      language_info: {
        ...PYSPARK.language_info,
        codemirror_mode: { name: 'python', version: 3 },
        pygments_lexer: 'python3',
      },
    };
    assert.equal((await codes(['x = 1\nprint x'], python3)).filter((f) => f.startsWith('NH004')).length, 1);
  });

  it('%%send_to_spark -n NAME (else the -i name) defines NAME for the cells that run in Spark', async () => {
    const cells = [
      "%%local\nvariable = 'text'",
      '%%send_to_spark -i variable -n custom_name -t str',
      '%%send_to_spark -i frame -t df',
      'print(custom_name, frame, missing)',
    ];
    const undefinedNames = (await codes(cells, PYSPARK)).filter((f) => f.startsWith('NH103'));
    assert.equal(undefinedNames.length, 1);
    assert.match(undefinedNames[0]!, /'missing'/);
  });

  it("its imports are the Spark cluster's packages: no dependency finding asks for a local manifest", async () => {
    const path = '/p/nb.ipynb';
    const project = await loadProjectContext(path, memoryHost({ '/p/.git/HEAD': '', [path]: '{}' }));
    const cells = ['import numpy as np\nimport matplotlib.pyplot as plt'];
    const dependencyCodes = (metadata: Record<string, unknown>) =>
      (async () => (await testEngine()).check(notebookJson(cells, metadata), path, undefined, project).findings)().then(
        (findings) => findings.filter((f) => f.code.startsWith('NH2')).map((f) => f.code),
      );
    assert.deepEqual(await dependencyCodes(PYSPARK), []);
    assert.deepEqual(await dependencyCodes({}), ['NH206']);
  });

  it('the Scala Spark kernel is still reported as not analysed', async () => {
    const findings = await codes(['val x = sc.parallelize(1 to 10)'], SPARK);
    assert.deepEqual(findings, ['NH005 not analysed: kernel language scala']);
  });
});
