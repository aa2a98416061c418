// PEP 508 requirements, conda specs, PEP 503 names and the pinned/unpinned table of the dependency rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCondaSpec } from '../../src/core/deps/conda-spec';
import { importNameGuess, normalizeName, sameDistribution } from '../../src/core/deps/normalize';
import {
  isFixedReference,
  isPinned,
  nameFromUrl,
  parseRequirement,
  pinnedVersionOf,
} from '../../src/core/deps/requirement';

function req(text: string) {
  const parsed = parseRequirement(text);
  assert.ok(parsed.ok, `${text}: ${parsed.ok ? '' : parsed.error}`);
  return parsed.requirement;
}

describe('PEP 503 normalisation', () => {
  it('treats case, runs of -, _ and . alike', () => {
    assert.equal(normalizeName('Scikit_Learn'), 'scikit-learn');
    assert.equal(normalizeName('ruamel.yaml'), 'ruamel-yaml');
    assert.equal(normalizeName('Foo__-.Bar'), 'foo-bar');
    assert.ok(sameDistribution('PyYAML', 'pyyaml'));
    assert.ok(!sameDistribution('pyyaml', 'yaml'));
  });

  it('guesses an import name from a distribution name', () => {
    assert.equal(importNameGuess('My-Project.Core'), 'my_project_core');
  });
});

describe('parseRequirement', () => {
  it('reads name, extras, specifier and marker', () => {
    const r = req('Requests[security, socks] >=2.8.1, ==2.8.* ; python_version < "3.8"');
    assert.equal(r.name, 'Requests');
    assert.equal(r.key, 'requests');
    assert.deepEqual(r.extras, ['security', 'socks']);
    assert.equal(r.specifier, '>=2.8.1, ==2.8.*');
    assert.equal(r.marker, 'python_version < "3.8"');
    assert.equal(r.url, null);
  });

  it('accepts a parenthesised specifier and a direct reference', () => {
    assert.equal(req('numpy (>=1.20,<2)').specifier, '>=1.20,<2');
    const direct = req('pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee ; python_version >= "3"');
    assert.equal(direct.url, 'https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee');
    assert.equal(direct.marker, 'python_version >= "3"');
  });

  it('gives the span a pin replaces: the version part, or an empty span after the name and extras', () => {
    const text = 'pandas[excel] >= 2.0 ; sys_platform == "linux"';
    const r = req(text);
    assert.equal(text.slice(...r.versionSpan), ' >= 2.0');
    const bare = req('numpy');
    assert.deepEqual(bare.versionSpan, [5, 5]);
    const extras = req('transformers[torch]');
    assert.deepEqual(extras.versionSpan, [19, 19]);
  });

  it('refuses what is not a requirement, without throwing', () => {
    for (const bad of ['', '==1.0', 'numpy >>1', 'numpy[', 'numpy ; ', 'numpy 1.0']) {
      assert.equal(parseRequirement(bad).ok, false, bad);
    }
  });
});

describe('pinned or not', () => {
  const table: [string, boolean][] = [
    ['numpy==1.26.4', true],
    ['numpy===1.26.4', true],
    ['numpy==1.26.4+cpu', true],
    ['numpy>=1.0,==1.26.4', true],
    ['numpy~=1.26', false],
    ['numpy>=1.26', false],
    ['numpy==1.26.*', false],
    ['numpy', false],
    ['numpy!=1.0', false],
    ['numpy<2', false],
    ['pkg @ https://example.com/pkg-1.0-py3-none-any.whl', true],
    ['pkg @ https://example.com/pkg-1.0.tar.gz', true],
    ['pkg @ git+https://github.com/o/pkg.git@4f2c1d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e', true],
    ['pkg @ git+https://github.com/o/pkg.git@4f2c1d9', true],
    ['pkg @ git+https://github.com/o/pkg.git@main', false],
    ['pkg @ git+https://github.com/o/pkg.git@v1.2.0', false],
    ['pkg @ git+https://github.com/o/pkg.git', false],
    ['pkg @ https://github.com/o/pkg/archive/refs/heads/main', false],
  ];
  for (const [text, pinned] of table) {
    it(`${text} is ${pinned ? '' : 'not '}pinned`, () => assert.equal(isPinned(req(text)), pinned));
  }

  it('a --hash pins whatever the specifier says', () => {
    assert.equal(isPinned(req('numpy'), { hashes: true }), true);
  });

  it('gives the pinned version', () => {
    assert.equal(pinnedVersionOf('==1.26.4'), '1.26.4');
    assert.equal(pinnedVersionOf('===1.0-weird'), '1.0-weird');
    assert.equal(pinnedVersionOf('==1.*'), null);
    assert.equal(pinnedVersionOf('>=1'), null);
  });

  const conda: [string, string | null][] = [
    ['numpy', null],
    ['numpy=1.26', null],
    ['numpy=1.26.4', null],
    ['numpy==1.26.4', '1.26.4'],
    ['numpy=1.26.4=py311h64a7726_0', '1.26.4'],
    ['numpy 1.26.4', '1.26.4'],
    ['numpy 1.26.4 py311h64a7726_0', '1.26.4'],
    ['numpy 1.26.*', null],
    ['numpy>=1.26', null],
    ['conda-forge::numpy==1.26.4', '1.26.4'],
    ["numpy[version='>=1.2']", null],
    ["numpy[version='1.26.4', build=py311_0]", '1.26.4'],
  ];
  for (const [text, version] of conda) {
    it(`conda ${text} pins ${version ?? 'nothing'}`, () => assert.equal(parseCondaSpec(text)?.pinnedVersion, version));
  }

  it('maps conda package names to the PyPI distribution they provide', () => {
    assert.equal(parseCondaSpec('pytorch=2.1')?.key, 'torch');
    assert.equal(parseCondaSpec('conda-forge::py-opencv')?.key, 'opencv-python');
    assert.equal(parseCondaSpec('conda-forge::py-opencv')?.channel, 'conda-forge');
  });
});

describe('direct references', () => {
  it('reads the distribution name from egg fragments, wheels, sdists and repositories', () => {
    assert.equal(nameFromUrl('git+https://github.com/openai/CLIP.git'), 'CLIP');
    assert.equal(nameFromUrl('git+https://github.com/o/r.git@abc1234#egg=my_pkg'), 'my_pkg');
    assert.equal(nameFromUrl('https://files.example/torch-2.1.0+cpu-cp311-cp311-linux_x86_64.whl'), 'torch');
    assert.equal(nameFromUrl('https://files.example/scikit-learn-1.3.2.tar.gz'), 'scikit-learn');
    assert.equal(nameFromUrl('https://example.com/'), null);
  });

  it('knows fixed files and commits from moving references', () => {
    assert.ok(isFixedReference('https://x/y-1.0-py3-none-any.whl'));
    assert.ok(isFixedReference('svn+https://svn.example/repo/trunk@1234'));
    assert.ok(isFixedReference('hg+https://hg.example/repo@0123456789ab'));
    assert.ok(!isFixedReference('git+ssh://git@github.com/o/r.git'));
    assert.ok(!isFixedReference('git+ssh://git@github.com/o/r.git@develop'));
  });
});
