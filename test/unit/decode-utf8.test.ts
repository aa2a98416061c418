// The check reads notebooks with its own UTF-8 decoding (ASCII blocks copied, the rest decoded): it must give
// exactly the string Node's decoder gives, for any bytes, or findings would point at other characters.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { decodeUtf8 } from '../../src/cli/speed/decode-utf8';
import { corpusNotebooks } from '../helpers/corpus';

/** Mostly ASCII with runs of multi-byte characters and of broken sequences, as files that go wrong look. */
const piece = fc.oneof(
  fc.string({ maxLength: 20 }).map((text) => Buffer.from(text, 'latin1').map((byte) => byte & 0x7f)),
  fc.constantFrom('é', '█', '€', '😀', '\ufeff', 'Ж').map((text) => Buffer.from(text, 'utf8')),
  fc.uint8Array({ minLength: 1, maxLength: 4 }).map((bytes) => Buffer.from(bytes)),
  fc
    .constantFrom([0xe2, 0x82], [0xf0, 0x9f, 0x98], [0x80], [0xbf, 0xbf], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff])
    .map((bytes) => Buffer.from(bytes)),
);

describe('decodeUtf8', () => {
  it('gives what Buffer.toString("utf8") gives, for any bytes and any block size', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 1, max: 9 }), (pieces, blockBytes) => {
        const bytes = Buffer.concat(pieces);
        assert.equal(decodeUtf8(bytes, blockBytes), bytes.toString('utf8'));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a byte order mark, as reading with readFileSync(path, "utf8") does', () => {
    const bytes = Buffer.from('\ufeff{"cells": []}', 'utf8');
    assert.equal(decodeUtf8(bytes), '\ufeff{"cells": []}');
  });

  it('decodes every corpus notebook as Node does', () => {
    const files = corpusNotebooks();
    assert.ok(files.length >= 100, `corpus notebooks found: ${files.length}`);
    for (const file of files) {
      const bytes = readFileSync(file);
      assert.equal(decodeUtf8(bytes), bytes.toString('utf8'), file);
    }
  });
});
