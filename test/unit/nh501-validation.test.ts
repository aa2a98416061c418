// NH501's validation block says only what the notebook proves at the load (issue 16): the columns the saved outputs
// show before anything changes the frame, dtypes from dtypes/info() and never from head() rows, plain-text tables
// read too, ranges loose enough for new data, and the columns the code reads where no output shows the frame.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { schemaFromOutput } from '../../src/core/rules/data/schema-from-outputs';
import { looseBounds, validationCode } from '../../src/core/rules/data/validation-code';
import { notebookJson, testEngine, type CellSpec } from '../helpers/notebook';

const HEAD_HTML = [
  '<table border="1" class="dataframe">',
  '  <thead><tr style="text-align: right;"><th></th><th>Ticket</th><th>Fare</th></tr></thead>',
  '  <tbody>',
  '    <tr><th>0</th><td>21171</td><td>7.25</td></tr>',
  '    <tr><th>1</th><td>17599</td><td>71.2833</td></tr>',
  '  </tbody>',
  '</table>',
].join('\n');
const HEAD_TEXT = '   Ticket     Fare\n0   21171   7.2500\n1   17599  71.2833';

function result(html: string | null, text: string, count = 2): CellSpec['outputs'] {
  return [
    {
      output_type: 'execute_result',
      execution_count: count,
      metadata: {},
      data: { 'text/plain': text, ...(html ? { 'text/html': html } : {}) },
    },
  ];
}

function stream(text: string): CellSpec['outputs'] {
  return [{ output_type: 'stream', name: 'stdout', text }];
}

const LOAD = 'import pandas as pd\ndf = pd.read_csv("passengers.csv")';

/** The validation block NH501's fix inserts for `df`, or null when it offers none. */
async function validationBlock(cells: (string | CellSpec)[]): Promise<string | null> {
  const findings = (await testEngine()).check(notebookJson(cells), 'test.ipynb').findings;
  const finding = findings.find((f) => f.code === 'NH501' && f.message.startsWith('df '));
  assert.ok(finding, 'NH501 on df');
  return finding.fixes[0]?.plan.cellEdits[0]?.newText ?? null;
}

describe('NH501 validation: columns present at the load', () => {
  it('a column a later cell creates is not asserted, even when a later head() shows it', async () => {
    const later =
      '<table class="dataframe"><thead><tr><th></th><th>Ticket</th><th>Fare</th><th>Family</th></tr></thead><tbody><tr><th>0</th><td>1</td><td>2.0</td><td>3</td></tr></tbody></table>';
    const block = await validationBlock([
      LOAD,
      'df["Family"] = df["Fare"] * 0 + 1',
      { source: 'df.head()', outputs: result(later, '   Ticket  Fare  Family\n0       1   2.0       3', 3), count: 3 },
    ]);
    assert.doesNotMatch(block ?? '', /Family/);
    assert.match(block ?? '', /"Fare"/);
  });

  it('a head() in the same cell after the column is added does not count either', async () => {
    const later =
      '<table class="dataframe"><thead><tr><th></th><th>Ticket</th><th>Family</th></tr></thead><tbody><tr><th>0</th><td>1</td><td>3</td></tr></tbody></table>';
    const block = await validationBlock([
      { source: `${LOAD}\ndf["Family"] = 1\ndf.head()`, outputs: result(later, 'x'), count: 1 },
      'y = df["Ticket"]',
    ]);
    assert.doesNotMatch(block ?? '', /Family/);
  });

  it('a head() in the load cell counts: the import beside it shows nothing', async () => {
    const block = await validationBlock([
      { source: `${LOAD}\ndf.head()`, outputs: result(HEAD_HTML, HEAD_TEXT, 1), count: 1 },
      'y = df["Fare"] * 2',
    ]);
    assert.match(block ?? '', /assert list\(df\.columns\) == \["Ticket", "Fare"\]/);
  });

  it("a head() of some columns is not the list of the frame's columns", async () => {
    const block = await validationBlock([
      LOAD,
      { source: 'df[["Ticket", "Fare"]].head()', outputs: result(HEAD_HTML, HEAD_TEXT) },
      'y = df["Age"] * 2',
    ]);
    assert.doesNotMatch(block ?? '', /list\(df\.columns\) ==/);
  });
});

describe('NH501 validation: dtypes only where an output states them', () => {
  it('never infers a dtype from head() rows (Ticket shows numbers, holds "A/4 48871" further down)', async () => {
    const block = await validationBlock([
      LOAD,
      { source: 'df.head()', outputs: result(HEAD_HTML, HEAD_TEXT) },
      'y = df["Fare"] * 2',
    ]);
    assert.match(block ?? '', /assert list\(df\.columns\) == \["Ticket", "Fare"\]/);
    assert.doesNotMatch(block ?? '', /is_integer_dtype|is_float_dtype|dtype/);
  });

  it('takes dtypes from info() (by family, so int32 or a string dtype still pass)', async () => {
    const info = [
      "<class 'pandas.core.frame.DataFrame'>",
      'RangeIndex: 12 entries, 0 to 11',
      'Data columns (total 3 columns):',
      ' #   Column  Non-Null Count  Dtype  ',
      '---  ------  --------------  -----  ',
      ' 0   Ticket  12 non-null     object ',
      ' 1   Fare    12 non-null     float64',
      ' 2   Age     10 non-null     float64',
      'dtypes: float64(2), object(1)',
      'memory usage: 416.0+ bytes',
      '',
    ].join('\n');
    const block = (await validationBlock([
      LOAD,
      { source: 'df.info()', outputs: stream(info) },
      'y = df["Fare"] * 2',
    ]))!;
    assert.match(block, /assert list\(df\.columns\) == \["Ticket", "Fare", "Age"\]/);
    assert.match(block, /is_object_dtype\(df\["Ticket"\]\) or pd\.api\.types\.is_string_dtype\(df\["Ticket"\]\)/);
    assert.match(block, /is_float_dtype\(df\["Fare"\]\)/);
    assert.match(block, /df\["Fare"\]\.notna\(\)\.all\(\)/);
    assert.doesNotMatch(block, /df\["Age"\]\.notna/);
  });

  it('reads df.dtypes, but not a Series of values that looks like it (df.sum())', () => {
    const dtypes = schemaFromOutput({
      outputType: 'execute_result',
      mimeTypes: [],
      size: 0,
      text: 'a    int64\nb    object\ndtype: object',
    });
    assert.deepEqual(dtypes?.schema.columns, [
      { name: 'a', dtype: 'int64' },
      { name: 'b', dtype: 'object' },
    ]);
    const sums = schemaFromOutput({
      outputType: 'execute_result',
      mimeTypes: [],
      size: 0,
      text: 'a          45\nb    xyzxyz\ndtype: object',
    });
    assert.equal(sums, null);
  });
});

describe('NH501 validation: plain-text tables', () => {
  it('a head() printed as text gives the columns', async () => {
    const block = await validationBlock([
      LOAD,
      { source: 'print(df.head())', outputs: stream(`${HEAD_TEXT}\n`) },
      'y = df["Fare"] * 2',
    ]);
    assert.match(block ?? '', /assert list\(df\.columns\) == \["Ticket", "Fare"\]/);
  });

  it('a wide frame wrapped in blocks, a named index, cut rows and cut columns', () => {
    const text = (t: string) => schemaFromOutput({ outputType: 'execute_result', mimeTypes: [], size: 0, text: t });
    const wrapped = [
      '   PassengerId                     Name  \\',
      '0            1  Braund, Mr. Owen Harris   ',
      '1            2                   Heikki   ',
      '',
      '    Ticket  a b  ',
      '0  A/5 211  1.5  ',
      '1   113803  NaN  ',
    ].join('\n');
    assert.deepEqual(text(wrapped)?.schema, {
      columns: [{ name: 'PassengerId' }, { name: 'Name' }, { name: 'Ticket' }, { name: 'a b' }],
      complete: true,
    });
    const named = '    PassengerId     Sex\nid                     \n0             1    male\n1             2  female';
    assert.deepEqual(text(named)?.schema.columns, [{ name: 'PassengerId' }, { name: 'Sex' }]);
    const cutColumns = '   a  b  ...   e   f\n0  0  1  ...   4   5\n\n[1 rows x 6 columns]';
    assert.equal(text(cutColumns)?.schema.complete, false);
    const cutRows = '     a     b\n0    0   v 0\n..  ..   ...\n99  99  v 99\n\n[100 rows x 2 columns]';
    assert.equal(text(cutRows)?.schema.complete, true);
    assert.equal(text('0    1\n1    2\nName: a, dtype: int64'), null);
    assert.equal(text('hello world'), null);
  });
});

describe('NH501 validation: bounds for production', () => {
  it('a share stays in [0, 1], a non-negative column stays non-negative, others get room', () => {
    assert.deepEqual(looseBounds(0, 1), { low: '0', high: '1' });
    const positive = looseBounds(0.42, 512.33);
    assert.ok(positive.low === '0' && Number(positive.high) >= 1024.24, JSON.stringify(positive));
    const { low, high } = looseBounds(-124.35, -114.31);
    assert.ok(Number(low) < -124.35 - 10 && high === '0', `${low} ${high}`);
  });

  it("describe() ranges become loose checks, not the sample's min and max", async () => {
    const describe = [
      '<table class="dataframe"><thead><tr><th></th><th>Fare</th></tr></thead><tbody>',
      '<tr><th>count</th><td>12.0</td></tr><tr><th>mean</th><td>30.1</td></tr>',
      '<tr><th>min</th><td>7.25</td></tr><tr><th>max</th><td>71.2833</td></tr>',
      '</tbody></table>',
    ].join('');
    const block = (await validationBlock([
      LOAD,
      { source: 'df.describe()', outputs: result(describe, 'x') },
      'y = df["Fare"] * 2',
    ]))!;
    assert.match(block, /df\["Fare"\]\.dropna\(\)\.between\(0, 135\.3\d*\)\.all\(\)/);
    assert.doesNotMatch(block, /7\.25/);
  });
});

describe('NH501 validation: columns from the code where no output shows them', () => {
  it('asserts the columns the code reads before creating them, and invents none', async () => {
    const block = (await validationBlock([
      LOAD,
      'df["Family"] = df["SibSp"] + df["Parch"]\nsurvival = df[["Sex", "Family"]]',
      'print(df["Age"].mean())',
    ]))!;
    assert.match(block, /_missing = \{"SibSp", "Parch", "Sex", "Age"\} - set\(df\.columns\)/);
    assert.doesNotMatch(block, /Family|a_column|another|#\s*assert/);
  });

  it('no output and no column named in the code: no block (an "it has rows" assert would only silence NH501)', async () => {
    assert.equal(await validationBlock([LOAD, 'model.fit(df)']), null);
  });

  it('a JSON object gets its keys checked; a csv reader with nothing proven gets no block at all', async () => {
    const findings = (await testEngine())
      .check(
        notebookJson([
          'import json, csv\nwith open("c.json") as f:\n    cfg = json.load(f)',
          'n = cfg["n"] + 1',
          'rows = csv.reader(open("a.csv"))',
          'total = sum(1 for row in rows)',
        ]),
        'test.ipynb',
      )
      .findings.filter((f) => f.code === 'NH501');
    const cfg = findings.find((f) => f.message.startsWith('cfg '))!;
    assert.match(cfg.fixes[0]!.plan.cellEdits[0]!.newText, /_missing = \{"n"\} - set\(cfg\)/);
    const rows = findings.find((f) => f.message.startsWith('rows '))!;
    assert.deepEqual(rows.fixes, []);
  });

  it('generated code for awkward names: spaces around a name, digits, quotes', () => {
    const code = validationCode({
      frame: 'df',
      kind: 'pandas',
      schema: { columns: [{ name: ' Age', dtype: 'int64' }, { name: '0' }, { name: 'say "hi"' }], complete: true },
      source: 'cell 2',
      codeColumns: [],
      pandera: false,
    })!;
    assert.match(code, /_columns = \{str\(c\)\.strip\(\): c for c in df\.columns\}/);
    assert.match(code, /assert list\(_columns\) == \["Age", "0", "say \\"hi\\""\]/);
    assert.match(code, /is_integer_dtype\(df\[_columns\["Age"\]\]\)/);
  });
});

describe('NH501 validation: a terminal-width text table', () => {
  it('cut columns are marked by a `...` one space from its neighbours, which is no column', () => {
    const text = [
      '   PassengerId  Survived  Pclass  ... Parch   Ticket     Fare',
      '0            1         0       3  ...     0    21171   7.2500',
      '1            2         1       1  ...     0    17599  71.2833',
      '',
      '[2 rows x 10 columns]',
    ].join('\n');
    const parsed = schemaFromOutput({ outputType: 'execute_result', mimeTypes: [], size: 0, text });
    assert.deepEqual(
      parsed?.schema.columns.map((c) => c.name),
      ['PassengerId', 'Survived', 'Pclass', 'Parch', 'Ticket', 'Fare'],
    );
    assert.equal(parsed?.schema.complete, false);
  });
});
