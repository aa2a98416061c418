// The code the result cache keys findings to: an edit to the sources (run from source) or a new bundle (built)
// changes it, so a rule changed in a checkout is never answered with what the old rule found.
import assert from 'node:assert/strict';
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bundleFingerprint, codeFingerprint, sourceFingerprint } from '../../src/cli/code-fingerprint';
import { tempFolder } from '../helpers/cli-fixtures';

describe('the code fingerprint', () => {
  it('of the sources changes when a file in any folder is edited, and only then', () => {
    const src = tempFolder({ 'cli/run.ts': 'export {};\n', 'core/rules/rule.ts': 'export const a = 1;\n' });
    const before = sourceFingerprint(src);
    assert.equal(sourceFingerprint(src), before);
    const rule = join(src, 'core', 'rules', 'rule.ts');
    writeFileSync(rule, 'export const a = 2;\n'); // same size: the modification time tells
    utimesSync(rule, new Date(), new Date(Date.now() + 5_000));
    assert.notEqual(sourceFingerprint(src), before);
  });

  it('of a bundle follows its bytes', () => {
    const dist = tempFolder({ 'a.js': 'one', 'b.js': 'two', 'c.js': 'one' });
    assert.equal(bundleFingerprint(join(dist, 'a.js')), bundleFingerprint(join(dist, 'c.js')));
    assert.notEqual(bundleFingerprint(join(dist, 'a.js')), bundleFingerprint(join(dist, 'b.js')));
  });

  it('of this run is the sources’ (tests run from source)', () => {
    assert.equal(codeFingerprint(), sourceFingerprint(join(__dirname, '..', '..', 'src')));
  });
});
