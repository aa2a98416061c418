// Lock files: every entry counts as pinned; each keeps the line of its name.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lockFromCompiled, lockKindOf, parseLock } from '../../src/core/deps/locks';
import { parseRequirementsTxt } from '../../src/core/deps/manifests/requirements-txt';
import type { Lock } from '../../src/core/deps/dependency-data';

function entries(lock: Lock): string[] {
  return lock.entries.map((e) => `${e.key}==${e.version}@${e.range.start.line}`);
}

describe('lock files', () => {
  it('knows lock files by name', () => {
    assert.equal(lockKindOf('uv.lock'), 'uv.lock');
    assert.equal(lockKindOf('poetry.lock'), 'poetry.lock');
    assert.equal(lockKindOf('pdm.lock'), 'pdm.lock');
    assert.equal(lockKindOf('Pipfile.lock'), 'Pipfile.lock');
    assert.equal(lockKindOf('pylock.toml'), 'pylock.toml');
    assert.equal(lockKindOf('pylock.dev.toml'), 'pylock.toml');
    assert.equal(lockKindOf('conda-lock.yml'), 'conda-lock.yml');
    assert.equal(lockKindOf('linux-64.conda-lock.yml'), 'conda-lock.yml');
    assert.equal(lockKindOf('requirements.txt'), null);
  });

  it('reads uv.lock, leaving out the project itself', () => {
    const text = [
      'version = 1',
      'requires-python = ">=3.11"',
      '',
      '[[package]]',
      'name = "my-analysis"',
      'version = "0.1.0"',
      'source = { editable = "." }',
      '',
      '[[package]]',
      'name = "numpy"',
      'version = "1.26.4"',
      'source = { registry = "https://pypi.org/simple" }',
      'wheels = [',
      '    { url = "https://files.pythonhosted.org/numpy.whl", hash = "sha256:abc" },',
      ']',
      '',
      '[[package]]',
      'name = "Pandas"',
      'version = "2.2.1"',
    ].join('\n');
    assert.deepEqual(entries(parseLock('uv.lock', 'uv.lock', text)), ['numpy==1.26.4@9', 'pandas==2.2.1@17']);
  });

  it('reads poetry.lock and pdm.lock', () => {
    const poetry =
      '[[package]]\nname = "requests"\nversion = "2.31.0"\ndescription = "HTTP"\noptional = false\n\n[package.dependencies]\ncertifi = ">=2017.4.17"\n\n[[package]]\nname = "certifi"\nversion = "2024.2.2"\n\n[metadata]\nlock-version = "2.0"\n';
    assert.deepEqual(entries(parseLock('poetry.lock', 'poetry.lock', poetry)), [
      'requests==2.31.0@1',
      'certifi==2024.2.2@10',
    ]);
    const pdm =
      '[metadata]\ngroups = ["default"]\n\n[[package]]\nname = "rich"\nversion = "13.7.1"\nrequires_python = ">=3.7.0"\n';
    assert.deepEqual(entries(parseLock('pdm.lock', 'pdm.lock', pdm)), ['rich==13.7.1@4']);
  });

  it('reads pylock.toml (PEP 751)', () => {
    const text =
      'lock-version = "1.0"\ncreated-by = "pip"\n\n[[packages]]\nname = "attrs"\nversion = "23.2.0"\n\n[[packages.wheels]]\nurl = "https://x/attrs.whl"\n\n[[packages]]\nname = "idna"\nversion = "3.7"\n';
    assert.deepEqual(entries(parseLock('pylock.toml', 'pylock.toml', text)), ['attrs==23.2.0@4', 'idna==3.7@11']);
  });

  it('reads Pipfile.lock', () => {
    const text = JSON.stringify(
      {
        _meta: { hash: { sha256: 'x' } },
        default: { numpy: { hashes: ['sha256:a'], version: '==1.26.4' } },
        develop: { pytest: { version: '==8.1.1' } },
      },
      null,
      4,
    );
    assert.deepEqual(entries(parseLock('Pipfile.lock', 'Pipfile.lock', text)), ['numpy==1.26.4@7', 'pytest==8.1.1@15']);
  });

  it('reads conda-lock.yml once per package and version, with conda names mapped', () => {
    const text = [
      'version: 1',
      'package:',
      '- name: pytorch',
      '  version: 2.1.0',
      '  manager: conda',
      '  platform: linux-64',
      '- name: pytorch',
      '  version: 2.1.0',
      '  manager: conda',
      '  platform: osx-arm64',
      '- name: Requests',
      '  version: 2.31.0',
      '  manager: pip',
      '  platform: linux-64',
    ].join('\n');
    assert.deepEqual(entries(parseLock('conda-lock.yml', 'conda-lock.yml', text)), [
      'torch==2.1.0@2',
      'requests==2.31.0@10',
    ]);
  });

  it('turns pip-compile output into a lock', () => {
    const text = 'numpy==1.26.4 \\\n    --hash=sha256:abc\npandas==2.2.1\n';
    const parsed = parseRequirementsTxt(text);
    const lock = lockFromCompiled({ path: 'requirements.txt', kind: 'requirements', text, ...parsed });
    assert.equal(lock.kind, 'pip-compile');
    assert.deepEqual(entries(lock), ['numpy==1.26.4@0', 'pandas==2.2.1@2']);
  });

  it('reports broken lock files as problems', () => {
    assert.equal(parseLock('uv.lock', 'uv.lock', '[[package]\nname = ').problems.length, 1);
    assert.equal(parseLock('Pipfile.lock', 'Pipfile.lock', '{').problems.length, 1);
  });
});
