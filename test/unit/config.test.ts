import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_CONFIG,
  applyConfig,
  mergeConfig,
  parsePyprojectConfig,
  type NbhygieneConfig,
} from '../../src/core/config/config';
import { ZERO_RANGE, type Finding, type Severity } from '../../src/core/types';
import { notebookJson, testEngine } from '../helpers/notebook';

function finding(code: string, severity: Severity = 'warning'): Finding {
  return {
    code,
    severity,
    message: code,
    notebook: 'a.ipynb',
    cellIndex: 0,
    range: ZERO_RANGE,
    related: [],
    fixes: [],
  };
}

function codesAfter(config: Partial<NbhygieneConfig>, codes: string[]): string[] {
  return applyConfig(
    codes.map((code) => finding(code)),
    mergeConfig(DEFAULT_CONFIG, config),
  ).map((f) => f.code);
}

// Rules on by default (NH104 and NH105 are off: they need selecting).
const ALL = ['NH001', 'NH004', 'NH101', 'NH102', 'NH103', 'NH404'];

describe('parsePyprojectConfig', () => {
  it('reads select, ignore and severity from [tool.nbhygiene]', () => {
    const { config, problems } = parsePyprojectConfig(`
[project]
name = "x"

[tool.nbhygiene]
select = ["NH1", "NH004"]
ignore = ["NH105"]
severity = { NH404 = "error" }
`);
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      ...DEFAULT_CONFIG,
      select: ['NH1', 'NH004'],
      ignore: ['NH105'],
      severity: { NH404: 'error' },
    });
  });

  it('accepts the severity table in its own section and lower-case codes', () => {
    const { config, problems } = parsePyprojectConfig(`
[tool.nbhygiene]
ignore = ["nh105"]

[tool.nbhygiene.severity]
NH101 = "info"
`);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.ignore, ['NH105']);
    assert.deepEqual(config.severity, { NH101: 'info' });
  });

  it('gives the defaults and no problem when the table is missing', () => {
    const result = parsePyprojectConfig('[project]\nname = "x"\n');
    assert.deepEqual(result.config, DEFAULT_CONFIG);
    assert.deepEqual(result.problems, []);
    assert.equal(result.hasSection, false);
  });

  it('reports invalid TOML as a problem and falls back to the defaults', () => {
    const result = parsePyprojectConfig('[tool.nbhygiene]\nselect = [\n');
    assert.deepEqual(result.config, DEFAULT_CONFIG);
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0], /invalid TOML/);
  });

  it('reports unknown keys and unknown codes but keeps the valid entries', () => {
    const { config, problems } = parsePyprojectConfig(`
[tool.nbhygiene]
select = ["NH102", "NH999", "E501"]
exclude = ["build"]
severity = { NH404 = "loud", NH998 = "error", NH101 = "info" }
`);
    assert.deepEqual(config.select, ['NH102']);
    assert.deepEqual(config.severity, { NH101: 'info' });
    assert.equal(problems.length, 5);
    assert.ok(problems.some((p) => p.includes("unknown key 'exclude'")));
    assert.ok(problems.some((p) => p.includes("'NH999'")));
    assert.ok(problems.some((p) => p.includes("'E501'")));
    assert.ok(problems.some((p) => p.includes('"loud"')));
    assert.ok(problems.some((p) => p.includes("'NH998'")));
  });

  it('reports values of the wrong type instead of throwing', () => {
    const { config, problems } = parsePyprojectConfig(
      '[tool.nbhygiene]\nselect = "NH1"\nignore = [1]\nseverity = "x"\n',
    );
    assert.equal(config.select, null);
    assert.deepEqual(config.ignore, []);
    assert.equal(problems.length, 3);
  });
});

describe('applyConfig', () => {
  it('keeps everything by default', () => {
    assert.deepEqual(codesAfter({}, ALL), ALL);
  });

  it('selects by prefix like ruff', () => {
    assert.deepEqual(codesAfter({ select: ['NH1'] }, ALL), ['NH001', 'NH101', 'NH102', 'NH103']);
  });

  it('ignores by exact code and by prefix', () => {
    assert.deepEqual(codesAfter({ ignore: ['NH404'] }, ALL), ['NH001', 'NH004', 'NH101', 'NH102', 'NH103']);
    assert.deepEqual(codesAfter({ ignore: ['NH10'] }, ALL), ['NH001', 'NH004', 'NH404']);
  });

  it('lets the more specific selector win between select and ignore', () => {
    assert.deepEqual(codesAfter({ select: ['NH102'], ignore: ['NH1'] }, ['NH101', 'NH102']), ['NH102']);
    assert.deepEqual(codesAfter({ select: ['NH1'], ignore: ['NH102'] }, ['NH101', 'NH102']), ['NH101']);
  });

  it('keeps "file cannot be read" findings unless ignored by their exact code', () => {
    assert.deepEqual(codesAfter({ select: ['NH102'] }, ['NH001', 'NH002', 'NH003', 'NH102']), [
      'NH001',
      'NH002',
      'NH003',
      'NH102',
    ]);
    assert.deepEqual(codesAfter({ ignore: ['NH0'] }, ['NH001', 'NH004']), ['NH001']);
    assert.deepEqual(codesAfter({ ignore: ['NH001'] }, ['NH001', 'NH004']), ['NH004']);
  });

  it('rewrites severity, the longest matching key winning', () => {
    const config = mergeConfig(DEFAULT_CONFIG, { severity: { NH1: 'info', NH404: 'error' } });
    const out = applyConfig(
      [finding('NH101', 'warning'), finding('NH404', 'warning'), finding('NH004', 'error')],
      config,
    );
    assert.deepEqual(
      out.map((f) => [f.code, f.severity]),
      [
        ['NH101', 'info'],
        ['NH404', 'error'],
        ['NH004', 'error'],
      ],
    );
  });

  it('does not change the findings it was given', () => {
    const original = finding('NH404', 'warning');
    applyConfig([original], mergeConfig(DEFAULT_CONFIG, { severity: { NH404: 'error' } }));
    assert.equal(original.severity, 'warning');
  });
});

describe('mergeConfig', () => {
  const pyproject: NbhygieneConfig = {
    ...DEFAULT_CONFIG,
    select: ['NH1'],
    ignore: ['NH105'],
    severity: { NH104: 'error' },
  };

  it('adds ignores from a later layer and overrides severities key by key', () => {
    const merged = mergeConfig(pyproject, { ignore: ['NH101'], severity: { NH104: 'info', NH101: 'error' } });
    assert.deepEqual(merged, {
      ...DEFAULT_CONFIG,
      select: ['NH1'],
      ignore: ['NH105', 'NH101'],
      severity: { NH104: 'info', NH101: 'error' },
    });
  });

  it('starts afresh when a later layer selects (like ruff: --select NH105 runs NH105)', () => {
    const merged = mergeConfig(pyproject, { select: ['NH105'] });
    assert.deepEqual(merged.select, ['NH105']);
    assert.deepEqual(merged.ignore, []);
    assert.deepEqual(codesAfter(merged, ['NH104', 'NH105']), ['NH105']);
  });

  it('layers defaults ← pyproject ← editor ← CLI', () => {
    const editor = { severity: { NH105: 'warning' as Severity } };
    const cli = { ignore: ['NH102'] };
    const merged = [pyproject, editor, cli].reduce(mergeConfig, DEFAULT_CONFIG);
    assert.deepEqual(merged, {
      ...DEFAULT_CONFIG,
      select: ['NH1'],
      ignore: ['NH105', 'NH102'],
      severity: { NH104: 'error', NH105: 'warning' },
    });
    assert.deepEqual(DEFAULT_CONFIG, {
      select: null,
      extendSelect: [],
      ignore: [],
      severity: {},
      maxCellLines: 40,
      maxCellComplexity: 5,
      testsFolder: 'tests',
      moduleFolder: null,
      builtins: [],
    });
  });
});

describe('import-map', () =>
  it('accepts [tool.nbhygiene.import-map] and checks that its values are names', () => {
    const good = parsePyprojectConfig('[tool.nbhygiene.import-map]\ncv2 = "opencv-python"\n');
    assert.deepEqual(good.problems, []);
    const bad = parsePyprojectConfig('[tool.nbhygiene.import-map]\ncv2 = 3\n');
    assert.deepEqual(bad.problems, ['[tool.nbhygiene.import-map] cv2: expected a distribution name (a string)']);
  }));

describe('thresholds and folders', () => {
  it('reads max-cell-lines, max-cell-complexity, tests and module-folder, and says what is wrong', () => {
    const { config, problems } = parsePyprojectConfig(
      '[tool.nbhygiene]\nmax-cell-lines = 60\nmax-cell-complexity = 8\ntests = "test"\nmodule-folder = "src/pkg"\n',
    );
    assert.deepEqual(
      [config.maxCellLines, config.maxCellComplexity, config.testsFolder, config.moduleFolder],
      [60, 8, 'test', 'src/pkg'],
    );
    assert.deepEqual(problems, []);
    const bad = parsePyprojectConfig('[tool.nbhygiene]\nmax-cell-lines = 0\ntests = "../elsewhere"\n');
    assert.deepEqual([bad.config.maxCellLines, bad.config.testsFolder], [40, 'tests']);
    assert.equal(bad.problems.length, 2);
  });

  it('NH302 follows the configured thresholds', async () => {
    const cell = 'total = 0\nfor x in xs:\n    if x > 1:\n        total += x\n    elif x < 0:\n        total -= x';
    const engine = await testEngine();
    // NH302 is off by default: selected here, so only the thresholds decide.
    const codes = (config: NbhygieneConfig) =>
      engine
        .check(notebookJson(['xs = [1]', cell]), 'c.ipynb', { ...config, extendSelect: ['NH302'] })
        .findings.map((f) => f.code)
        .filter((c) => c === 'NH302');
    assert.deepEqual(codes(DEFAULT_CONFIG), []);
    assert.deepEqual(codes(mergeConfig(DEFAULT_CONFIG, { maxCellComplexity: 3 })), ['NH302']);
    assert.deepEqual(codes(mergeConfig(DEFAULT_CONFIG, { maxCellLines: 3 })), ['NH302']);
  });
});
