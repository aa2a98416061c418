// The two text scanners (the call facts' tokenizer and the plain-expression scan) read names as tree-sitter does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tokenize } from '../../src/core/analysis/python-tokens';

describe('the call facts tokenizer', () => {
  it('reads non-ASCII letters in U+0080-U+00BF as part of a name (µ, ·), as tree-sitter does', () => {
    const [line] = tokenize('µs = ratio·2');
    assert.deepEqual(
      line!.tokens.filter((token) => token.kind === 'name').map((token) => token.text),
      ['µs', 'ratio·2'],
    );
  });
});
