// The guess of another language in a code cell Python rejects: clear cases only, never a Python cell.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foreignLanguageOf } from '../../src/core/python/foreign-language';

describe('foreignLanguageOf', () => {
  it('knows SQL by its first statement and a second keyword', () => {
    assert.equal(foreignLanguageOf('SELECT * FROM logs WHERE status = 500'), 'SQL');
    assert.equal(foreignLanguageOf('-- top pages\nshow tables'), 'SQL');
    assert.equal(foreignLanguageOf('create temporary view v as select 1 from t'), 'SQL');
  });

  it('knows Scala by val/var, JVM imports, object and case class', () => {
    assert.equal(foreignLanguageOf('val n = 3'), 'Scala');
    assert.equal(foreignLanguageOf('import org.apache.spark.sql.functions._'), 'Scala');
    assert.equal(foreignLanguageOf('case class Person(name: String)'), 'Scala');
    assert.equal(foreignLanguageOf('object Main extends App {'), 'Scala');
  });

  it('knows shell commands typed without !', () => {
    assert.equal(foreignLanguageOf('git clone https://example.org/repo.git\ncd repo'), 'shell commands');
  });

  it('says nothing of Python with a typo, or of text it cannot place', () => {
    assert.equal(foreignLanguageOf('class Model(nn.Module):\n    relu = # TODO'), null);
    assert.equal(foreignLanguageOf('select = df.select(cols'), null);
    assert.equal(foreignLanguageOf('print x'), null);
    assert.equal(foreignLanguageOf('This cell explains the model.'), null);
    assert.equal(foreignLanguageOf(''), null);
  });
});
