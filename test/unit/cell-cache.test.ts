// The cell cache behind the engine: the editor re-checks a notebook on each edit and re-parses only the cells that
// changed; `nbhygiene check` reads each notebook once and keeps nothing (capacity 0).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CellAnalysisCache } from '../../src/core/analysis/cell-analysis';
import { testParser } from '../helpers/notebook';

const PLAIN = { postponedAnnotations: false };

describe('cell analysis cache', () => {
  it('gives back the analysis of a source it has seen, per way of reading annotations', async () => {
    const cache = new CellAnalysisCache(await testParser());
    const first = cache.get('x = y + 1', PLAIN);
    assert.equal(cache.get('x = y + 1', PLAIN), first);
    assert.notEqual(cache.get('x = y + 1', { postponedAnnotations: true }), first);
  });

  it('forgets the oldest source first once full', async () => {
    const cache = new CellAnalysisCache(await testParser(), 2);
    const a = cache.get('a = 1', PLAIN);
    const b = cache.get('b = 2', PLAIN);
    cache.get('c = 3', PLAIN);
    assert.equal(cache.get('b = 2', PLAIN), b);
    assert.notEqual(cache.get('a = 1', PLAIN), a);
  });

  it('with capacity 0 analyses every time and keeps nothing, with the same facts', async () => {
    const cache = new CellAnalysisCache(await testParser(), 0);
    const first = cache.get('df = df.dropna()', PLAIN);
    const second = cache.get('df = df.dropna()', PLAIN);
    assert.notEqual(second, first);
    assert.deepEqual(second.facts.events, first.facts.events);
    assert.ok(first.facts.events.length > 0);
  });
});
