// SARIF output checked by Microsoft's own validator (`Sarif.Multitool validate`, from @microsoft/sarif-multitool-linux,
// which runs offline and ships the 2.1.0 schema): no error and no warning, on fixtures and on hostile text.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../src/core/rules/registry';
import { renderSarif, toSarif } from '../../src/core/report/sarif';
import type { Finding } from '../../src/core/types';
import { check } from '../helpers/notebook';

const TOOL = join(process.cwd(), 'node_modules', '@microsoft', 'sarif-multitool-linux');

interface ValidationResult {
  level?: string;
  ruleId: string;
  message: { text?: string; arguments?: string[] };
}

function validate(sarifText: string): ValidationResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'nbhygiene-sarif-'));
  const input = join(dir, 'report.sarif');
  const output = join(dir, 'validation.sarif');
  writeFileSync(input, sarifText);
  const run = spawnSync(
    join(TOOL, 'Sarif.Multitool'),
    ['validate', input, '-o', output, '--log', 'ForceOverwrite', '-j', join(TOOL, 'sarif-2.1.0.json')],
    {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    },
  );
  assert.equal(run.status, 0, `Sarif.Multitool failed to run: ${run.error?.message ?? ''}${run.stdout}${run.stderr}`);
  return JSON.parse(readFileSync(output, 'utf8')).runs[0].results as ValidationResult[];
}

function problems(results: ValidationResult[]): string[] {
  return results
    .filter((result) => (result.level ?? 'warning') !== 'note')
    .map(
      (result) =>
        `${result.level ?? 'warning'} ${result.ruleId} ${result.message.text ?? result.message.arguments?.join(' ')}`,
    );
}

describe('sarif', () => {
  it('has one rule per registry code with names, descriptions, help URI and default level', () => {
    const sarif = toSarif([], [], { toolVersion: '1.2.3' });
    const rules = sarif.runs[0]!.tool.driver.rules;
    assert.deepEqual(
      rules.map((rule) => rule.id),
      RULES.map((rule) => rule.code),
    );
    const nh102 = rules.find((rule) => rule.id === 'NH102')!;
    assert.equal(nh102.name, 'UsedBeforeDefined');
    assert.match(nh102.helpUri, /docs\/rules\.md#nh102$/);
    assert.deepEqual(nh102.defaultConfiguration, { level: 'error' });
    assert.ok(nh102.shortDescription.text.length > 0 && nh102.fullDescription.text.length > 0);
  });

  it('locates a cell finding in the notebook file, naming the cell in logicalLocations and properties', async () => {
    const result = await check([
      { source: 'print(y)', count: 2 },
      { source: 'y = 1', count: 1 },
    ]);
    const sarif = toSarif([{ path: 'nb dir/a.ipynb', findings: result.findings }], [], { toolVersion: '1.2.3' });
    const nh102 = sarif.runs[0]!.results.find((item) => item.ruleId === 'NH102')!;
    assert.equal(nh102.level, 'error');
    const location = nh102.locations[0]!;
    assert.deepEqual(location.physicalLocation.artifactLocation, { uri: 'nb%20dir/a.ipynb', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(location.physicalLocation.region, { startLine: 1, startColumn: 7, endLine: 1, endColumn: 8 });
    assert.deepEqual(location.logicalLocations, [
      { name: 'cell 1', fullyQualifiedName: 'nb dir/a.ipynb#cell 1', kind: 'module' },
    ]);
    assert.equal(nh102.properties.cellIndex, 0);
  });

  it('passes Microsoft’s SARIF validator with no error or warning (fixtures, hostile text, unreadable files)', async () => {
    const messy = await check([
      { source: '!pip install pandas\nimport pandas as pd\nprint(y)', count: 3 },
      { source: 'y = 1', count: 1 },
      'z = undefined_thing',
    ]);
    const hostile: Finding = {
      code: 'NH103',
      severity: 'error',
      message: '<script>alert(1)</script> {{x}} javascript:alert(1) 🧪 שלום\n' + 'x'.repeat(5000),
      notebook: 'x',
      cellIndex: 2,
      cellId: 'c-2',
      range: { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } },
      related: [],
      fixes: [],
    };
    const text = renderSarif(
      [
        { path: 'examples/messy.ipynb', findings: messy.findings },
        { path: 'weird name/<b>&.ipynb', findings: [hostile] },
        { path: '/abs/path/nb.ipynb', findings: [{ ...hostile, cellIndex: null }] },
      ],
      [{ path: 'broken.ipynb', message: 'EACCES' }],
      { toolVersion: '0.1.0' },
    );
    assert.deepEqual(problems(validate(text)), []);
  });
});
