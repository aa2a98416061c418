// Schema generation from saved outputs: parsing pandas tables, info() and dtypes, and the generated checks on the
// real notebooks of the corpus (every generated block must be valid Python: python3 -m py_compile).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { mergeSchemas, parseHtmlTable, schemaFromOutput } from '../../src/core/rules/data/schema-from-outputs';
import { validationCode } from '../../src/core/rules/data/validation-code';
import { corpusName, corpusNotebooks } from '../helpers/corpus';
import { testEngine } from '../helpers/notebook';

const INFO = `<class 'pandas.core.frame.DataFrame'>
RangeIndex: 20640 entries, 0 to 20639
Data columns (total 3 columns):
 #   Column          Non-Null Count  Dtype  
---  ------          --------------  -----  
 0   longitude       20640 non-null  float64
 1   total_bedrooms  20433 non-null  float64
 2   ocean_proximity 20640 non-null  object 
dtypes: float64(2), object(1)
memory usage: 483.9+ KB
`;

describe('schema from outputs', () => {
  it('reads info(): dtypes, and non-null only where the count equals the rows', () => {
    const parsed = schemaFromOutput({ outputType: 'stream', mimeTypes: [], size: 0, text: INFO })!;
    assert.equal(parsed.shape, 'info');
    assert.deepEqual(parsed.schema.columns, [
      { name: 'longitude', dtype: 'float64', nonNull: true },
      { name: 'total_bedrooms', dtype: 'float64', nonNull: false },
      { name: 'ocean_proximity', dtype: 'object', nonNull: true },
    ]);
    assert.equal(parsed.schema.complete, true);
  });

  it('reads df.dtypes text and skips MultiIndex tables', () => {
    const parsed = schemaFromOutput({
      outputType: 'execute_result',
      mimeTypes: [],
      size: 0,
      text: 'a      int64\nb     object\ndtype: object',
    })!;
    assert.deepEqual(parsed.schema.columns, [
      { name: 'a', dtype: 'int64' },
      { name: 'b', dtype: 'object' },
    ]);
    assert.equal(
      parseHtmlTable(
        '<table class="dataframe"><thead><tr><th></th><th colspan="2">a</th></tr></thead><tbody></tbody></table>',
      ),
      null,
    );
  });

  it('generates plain asserts and pandera code that compile', () => {
    const schema = mergeSchemas([
      {
        columns: [
          { name: 'x', dtype: 'float64', nonNull: true },
          { name: 'y"q', dtype: 'int32' },
        ],
        complete: true,
      },
      { columns: [{ name: 'x', min: -1.5, max: 2 }], complete: false },
    ])!;
    const dir = mkdtempSync(join(tmpdir(), 'nbh-schema-'));
    const input = { frame: 'df', kind: 'pandas' as const, schema, source: 'cell 2', codeColumns: ['z'] };
    writeFileSync(join(dir, 'a.py'), validationCode({ ...input, pandera: false })!);
    writeFileSync(join(dir, 'b.py'), validationCode({ ...input, pandera: true })!);
    const result = spawnSync('python3', ['-m', 'py_compile', join(dir, 'a.py'), join(dir, 'b.py')], {
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
  });

  it('on the corpus: housing in the end-to-end ML notebook gets its ten columns, no invented ones, and no not-null for total_bedrooms', async () => {
    const engine = await testEngine();
    const file = corpusNotebooks().find(
      (f) => corpusName(f) === 'ageron__handson-ml2/02_end_to_end_machine_learning_project.ipynb',
    )!;
    const result = engine.check(readFileSync(file, 'utf8'), corpusName(file));
    const finding = result.findings.find((f) => f.code === 'NH501' && f.message.startsWith('housing '))!;
    const code = finding.fixes[0]!.plan.cellEdits[0]!.newText;
    const columns = JSON.parse(/assert list\(housing\.columns\) == (\[.*?\]), f/.exec(code)![1]!) as string[];
    assert.deepEqual(columns, [
      'longitude',
      'latitude',
      'housing_median_age',
      'total_rooms',
      'total_bedrooms',
      'population',
      'households',
      'median_income',
      'median_house_value',
      'ocean_proximity',
    ]);
    assert.doesNotMatch(code, /total_bedrooms"\]\.notna/);
    // describe() saw -124.35 to -114.31: new data may reach as far again, and stays west of Greenwich.
    assert.match(code, /housing\["longitude"\]\.dropna\(\)\.between\(-134\.3\d*, 0\)/);
  });

  it('on the corpus: every generated validation block is valid Python', async () => {
    const engine = await testEngine();
    const dir = mkdtempSync(join(tmpdir(), 'nbh-corpus-schema-'));
    const files: string[] = [];
    for (const file of corpusNotebooks()) {
      const result = engine.check(readFileSync(file, 'utf8'), corpusName(file));
      for (const finding of result.findings.filter((f) => f.code === 'NH501' || f.code === 'NH503')) {
        for (const fix of finding.fixes) {
          const path = join(dir, `block${files.length}.py`);
          // Blocks are inserted at the statement's indent; compile them at module level.
          const text = fix.plan.cellEdits.map((e) => e.newText).join('\n');
          const lines = text.split('\n').filter((l) => l.trim() !== '');
          const indent = Math.min(...lines.map((l) => /^ */.exec(l)![0].length));
          writeFileSync(path, lines.map((l) => l.slice(indent)).join('\n') + '\n');
          files.push(path);
        }
      }
    }
    // NH501 offers a block only where the outputs or the code prove something (no templates): six on the corpus.
    assert.ok(files.length >= 5, `only ${files.length} blocks`);
    const result = spawnSync('python3', ['-m', 'py_compile', ...files], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
  });
});
