// Every dependency parser takes any text without throwing: bad input becomes problems, never exceptions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findInstalls } from '../../src/core/deps/installs';
import { parseLock } from '../../src/core/deps/locks';
import { parseEnvironmentYml } from '../../src/core/deps/manifests/environment-yml';
import { parsePep723 } from '../../src/core/deps/manifests/pep723';
import { parsePipfile } from '../../src/core/deps/manifests/pipfile';
import { parsePyproject } from '../../src/core/deps/manifests/pyproject';
import { parseRequirementsTxt } from '../../src/core/deps/manifests/requirements-txt';
import { parseSetupCfg } from '../../src/core/deps/manifests/setup-cfg';
import { locateToml } from '../../src/core/deps/manifests/toml-locate';
import { parseCondaSpec } from '../../src/core/deps/conda-spec';
import { parseRequirement } from '../../src/core/deps/requirement';
import { scanCell } from '../../src/core/python/scanner';

/** Text built from the characters manifests are made of, so the parsers get past their first checks. */
const manifestText = fc
  .array(
    fc.constantFrom(
      'numpy',
      'pandas',
      '==',
      '>=',
      '1.2',
      '*',
      '[',
      ']',
      '{',
      '}',
      '"',
      "'",
      '"""',
      '=',
      ',',
      ';',
      '#',
      '\\',
      '\n',
      ' ',
      '  - ',
      '-r ',
      '--hash=sha256:ab',
      '@',
      'git+https://x/y.git',
      'dependencies',
      '[project]',
      '[[package]]',
      'name',
      'version',
      'pip:',
      '%pip install ',
      '!pip install ',
      '|',
      '&&',
      '>',
      'é',
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

const PARSERS: [string, (text: string) => unknown][] = [
  ['requirement', parseRequirement],
  ['conda spec', parseCondaSpec],
  ['requirements.txt', parseRequirementsTxt],
  ['pyproject.toml', parsePyproject],
  ['environment.yml', parseEnvironmentYml],
  ['Pipfile', parsePipfile],
  ['setup.cfg', parseSetupCfg],
  ['PEP 723', parsePep723],
  ['toml positions', locateToml],
  ['uv.lock', (text) => parseLock('uv.lock', 'uv.lock', text)],
  ['Pipfile.lock', (text) => parseLock('Pipfile.lock', 'Pipfile.lock', text)],
  ['conda-lock.yml', (text) => parseLock('conda-lock.yml', 'conda-lock.yml', text)],
  ['installs', (text) => findInstalls(0, text, scanCell(text).escapes)],
];

describe('dependency parsers never throw', () => {
  for (const [name, parse] of PARSERS) {
    it(name, () => {
      fc.assert(
        fc.property(fc.oneof(manifestText, fc.string({ maxLength: 80 })), (text) => {
          assert.doesNotThrow(() => parse(text));
        }),
        { numRuns: 300 },
      );
    });
  }
});
