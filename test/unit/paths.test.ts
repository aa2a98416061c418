// Path strings in the core: one spelling per folder, on POSIX and Windows paths alike.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ancestors, basenamePath, dirnamePath, isRoot, joinPath, normalizePath } from '../../src/core/paths';

describe('core path strings', () => {
  it('normalises separators, dots and trailing slashes', () => {
    assert.equal(normalizePath('/a/b/../c/./d/'), '/a/c/d');
    assert.equal(normalizePath('C:\\work\\nb\\..\\x.ipynb'), 'C:/work/x.ipynb');
    assert.equal(normalizePath('../up/here'), '../up/here');
    assert.equal(normalizePath(''), '.');
  });

  it('joins and collapses', () => {
    assert.equal(joinPath('/p/reqs', '../base.txt'), '/p/base.txt');
    assert.equal(joinPath('/env', 'lib', 'python3.11', 'site-packages'), '/env/lib/python3.11/site-packages');
  });

  it('splits into folder and name', () => {
    assert.equal(dirnamePath('/a/b/c.ipynb'), '/a/b');
    assert.equal(dirnamePath('/c.ipynb'), '/');
    assert.equal(dirnamePath('C:\\c.ipynb'), 'C:/');
    assert.equal(basenamePath('/a/b/c.ipynb'), 'c.ipynb');
    assert.ok(isRoot('/') && isRoot('C:/') && !isRoot('/a'));
  });

  it('lists the folders above, nearest first, up to a stop folder', () => {
    assert.deepEqual(ancestors('/w/p/nb', '/w'), ['/w/p/nb', '/w/p', '/w']);
    assert.deepEqual(ancestors('/w/p'), ['/w/p', '/w', '/']);
  });
});
