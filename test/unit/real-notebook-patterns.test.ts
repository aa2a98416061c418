// Patterns of real notebooks that made findings wrong (issue 15), each on a minimal notebook: what the engine must
// not say, and what it must still say, so precision rises without recall falling.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePyprojectConfig, type NbhygieneConfig } from '../../src/core/config/config';
import { loadProjectContext } from '../../src/core/deps/project';
import { memoryHost } from '../helpers/memory-host';
import { check, findingsOf, notebookJson, testEngine } from '../helpers/notebook';

describe("Colab's execution_count 0 is no count", () => {
  const cells = [
    { source: 'a = 1', count: 4 },
    { source: 'b = a + 1', count: 0 },
    { source: 'print(a, b)', count: 6 },
  ];

  it('4, 0, 6 is not out of order (NH101)', async () => {
    assert.deepEqual(await findingsOf('NH101', cells), []);
  });

  it('a cell counted 0 is not "set after this cell ran" for a later cell (NH104)', async () => {
    const messages = (await check(cells)).findings
      .filter((finding) => finding.code === 'NH104')
      .map((finding) => finding.message);
    assert.deepEqual(
      messages.filter((message) => message.includes('[0]')),
      [],
    );
  });

  it('a real out-of-order pair is still reported', async () => {
    assert.deepEqual(
      await findingsOf('NH101', [
        { source: 'a = 1', count: 4 },
        { source: 'b = a', count: 3 },
      ]),
      ['2:1:1'],
    );
  });
});

describe('a code cell that is another language gives its NH004 and nothing else', () => {
  it('SQL typed without a magic: no undefined names read from it', async () => {
    assert.deepEqual(await findingsOf('NH103', ['select name, count(*) from people where age > 3 group by name;']), []);
    assert.deepEqual(await findingsOf('NH004', ['select name, count(*) from people where age > 3 group by name;']), [
      '1:1:8',
    ]);
  });

  it('Scala defines nothing a Python cell can read: a later read is NH103, not NH102 pointing at the Scala', async () => {
    const cells = [
      'logs.count()',
      'val logs = sc.textFile("access.log")\nval errors = logs.filter(line => line.contains("ERROR"))',
    ];
    assert.deepEqual(await findingsOf('NH102', cells), []);
    assert.deepEqual(await findingsOf('NH103', cells), ['1:1:1']);
  });

  it('a Python cell with a TODO placeholder still defines what it recovers', async () => {
    const cells = [
      'class Model:\n    def __init__(self):\n        self.relu = # TODO\n\nmodel = Model()',
      'model.fit()',
    ];
    assert.deepEqual(await findingsOf('NH103', cells), []);
  });
});

describe('names the kernel provides are defined', () => {
  const engineFindings = async (cells: string[], metadata: Record<string, unknown>, config?: NbhygieneConfig) =>
    (await testEngine())
      .check(notebookJson(cells, metadata), 'test.ipynb', config)
      .findings.filter((finding) => finding.code === 'NH103')
      .map((finding) => finding.message);

  it("a PySpark kernel's sc and spark", async () => {
    const metadata = { kernelspec: { name: 'pysparkkernel', display_name: 'PySpark', language: '' } };
    assert.deepEqual(await engineFindings(['df = spark.read.json("x")\nrdd = sc.parallelize([1])'], metadata), []);
  });

  it("Databricks' dbutils and displayHTML", async () => {
    const metadata = { 'application/vnd.databricks.v1+notebook': { notebookName: 'etl' } };
    assert.deepEqual(await engineFindings(['files = dbutils.fs.ls("/mnt")\ndisplayHTML("<b>x</b>")'], metadata), []);
  });

  it("Python 2's xrange and raw_input in a Python 2 notebook, not in a Python 3 one", async () => {
    const python2 = { kernelspec: { name: 'python2', display_name: 'Python 2', language: 'python' } };
    assert.deepEqual(await engineFindings(['for i in xrange(3):\n    pass'], python2), []);
    assert.equal((await engineFindings(['for i in xrange(3):\n    pass'], {})).length, 1);
  });

  it("IPython's shell aliases (ls) typed without !", async () => {
    assert.deepEqual(await engineFindings(['ls'], {}), []);
  });

  it("the project's own builtins from [tool.nbhygiene]", async () => {
    const { config, problems } = parsePyprojectConfig('[tool.nbhygiene]\nbuiltins = ["ctx"]\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(await engineFindings(['ctx.run()'], {}, config), []);
    assert.equal((await engineFindings(['ctx.run()'], {})).length, 1);
  });
});

describe('NH206 is quiet for a notebook saved from a hosted runtime', () => {
  const noManifest = async (metadata: Record<string, unknown>, cells: string[]) => {
    const project = await loadProjectContext('/p/nb.ipynb', memoryHost({ '/p/.git/HEAD': '', '/p/nb.ipynb': '{}' }));
    const result = (await testEngine()).check(notebookJson(cells, metadata), '/p/nb.ipynb', undefined, project);
    return result.findings.filter((finding) => finding.code === 'NH206').length;
  };

  it('Colab metadata or an import of google.colab: the runtime is the environment', async () => {
    assert.equal(await noManifest({ colab: { provenance: [] } }, ['import pandas as pd']), 0);
    assert.equal(await noManifest({}, ['from google.colab import drive\nimport pandas as pd']), 0);
  });

  it('a notebook of a plain Jupyter kernel with third-party imports and no manifest is still reported', async () => {
    assert.equal(await noManifest({}, ['import pandas as pd']), 1);
  });
});

describe('names magics create: script outputs, %%timeit setup, IPython.parallel engines', () => {
  it("%%bash --out and --err keep the script's output and errors in Python names", async () => {
    assert.deepEqual(
      await findingsOf('NH103', ['%%bash --out output --err error\necho hi', 'print(output, error, missing)']),
      ['2:1:22'],
    );
  });

  it("%%timeit's setup statement binds what its body reads", async () => {
    assert.deepEqual(await findingsOf('NH103', ['%%timeit a = list(range(9))\nsorted(a)']), []);
  });

  it('%px and %%px bind names on the engines that the lambdas sent there read', async () => {
    const cells = [
      '%px foo = 5',
      '%%px\ndef simulation():\n    return 1',
      'view.apply_sync(lambda: foo + simulation())',
    ];
    assert.deepEqual(await findingsOf('NH103', cells), ['3:1:1']);
  });
});

describe("a class's display hooks run when an instance is shown, not when it is made", () => {
  it('no NH102 for a name _repr_html_ reads that a later cell defines', async () => {
    const cells = [
      'class Board:\n    def _repr_html_(self):\n        return board_html(self)',
      'b = Board()',
      'def board_html(b):\n    return "<b/>"',
    ];
    assert.deepEqual(await findingsOf('NH102', cells), []);
  });

  it('still NH102 for a name a plain method reads, the class being used before it is defined', async () => {
    const cells = [
      'class Board:\n    def __init__(self):\n        self.size = default_size()',
      'b = Board()',
      'def default_size():\n    return 15',
    ];
    assert.deepEqual(await findingsOf('NH102', cells), ['2:1:5']);
  });
});

describe("Kaggle Learn's cell markers say the notebook runs in a Kaggle kernel", () => {
  it('no NH202 for !pip in a notebook whose cells carry #$HIDE_INPUT$-style markers', async () => {
    assert.deepEqual(await findingsOf('NH202', ['#$HIDE_INPUT$\n!pip install gym', 'import gym']), []);
  });

  it('the same !pip without the marker is still NH202', async () => {
    assert.deepEqual(await findingsOf('NH202', ['!pip install gym', 'import gym']), ['1:1:1']);
  });
});
