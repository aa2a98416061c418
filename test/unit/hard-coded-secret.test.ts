// NH403 looks at every string of every code cell: the name check (SECRET_NAME) and the formats' own quick test decide,
// not a search of the cell text that misses a two-letter string prefix or a comment between `=` and the string.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf } from '../helpers/notebook';

describe('NH403 finds what its name and format checks find, whatever the text around the string', () => {
  it('flags a password given as a raw bytes literal', async () => {
    assert.deepEqual(await findingsOf('NH403', ['db_password = rb"hunter2-prod"']), ['1:1:15']);
  });

  it('flags a keyword argument whose string follows a comment', async () => {
    assert.deepEqual(
      await findingsOf('NH403', ['connect(\n    password=  # the admin one\n        "hunter2-prod",\n)']),
      ['1:3:9'],
    );
  });

  it('flags a credential by its format alone, in a cell with no credential name', async () => {
    // Cells are tokenized for NH403 only when their text has a format's literal or a credential name's word.
    assert.deepEqual(await findingsOf('NH403', ['x = 1', 'client = Client("AKIAIOSFODNN7EXAMPLE")']), ['2:1:17']);
  });

  it('still ignores placeholders and names that are not credentials', async () => {
    assert.deepEqual(
      await findingsOf('NH403', ['db_password = rb"<your-password>"', 'keys = "abcdefgh"', 'author = "Ann Example"']),
      [],
    );
  });
});
