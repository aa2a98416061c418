// `nbhygiene check` loads a notebook from its bytes with the PNG images of its outputs cut out (stand-ins keep their
// length). Whatever the file, what it loads must be exactly what loading the whole text gives: the same cells, the same
// output sizes, the same findings at the same places.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readNotebook } from '../../src/cli/check-file';
import { mayHoldRunLine } from '../../src/cli/project-cache';
import { leaveOutImages, MIN_LEFT_OUT_BYTES } from '../../src/cli/speed/image-payloads';
import { loadNotebook, loadWithStandIns } from '../../src/core/notebook/load';
import { corpusName, corpusNotebooks } from '../helpers/corpus';

const PNG = `iVBORw0KGgoAAAANSUhEUgAA${'QUJD'.repeat(MIN_LEFT_OUT_BYTES / 4)}\n`;

/** Whether the check took the way without images: something was cut out and the loader accepted the rest. */
function tookStandIns(bytes: Buffer): boolean {
  const withoutImages = leaveOutImages(bytes);
  return (
    withoutImages !== null &&
    loadWithStandIns(withoutImages.bytes.toString('utf8'), 'n', withoutImages.leftOut) !== null
  );
}

function loadFromBytes(bytes: Buffer, name: string) {
  return readNotebook(bytes, name).loaded;
}

/** The same notebook and findings as the whole text, and the same answer to whether it may run other files. */
function assertLoadsAsWhole(bytes: Buffer, name = 'n.ipynb'): void {
  const read = readNotebook(bytes, name);
  assert.deepEqual(read.loaded, loadNotebook(bytes.toString('utf8'), name), name);
  assert.equal(read.mayRunFiles, mayHoldRunLine(bytes), name);
}

function notebook(cells: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cells,
    metadata: { kernelspec: { name: 'python3', language: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
    ...extra,
  };
}

function codeCell(id: string, outputs: unknown[], source = 'x = 1'): Record<string, unknown> {
  return { cell_type: 'code', id, metadata: {}, source, execution_count: 1, outputs };
}

function pngOutput(data: string = PNG): Record<string, unknown> {
  return { output_type: 'display_data', data: { 'image/png': data, 'text/plain': '<Figure>' }, metadata: {} };
}

function bytesOf(value: unknown, indent: string | number = 1): Buffer {
  return Buffer.from(JSON.stringify(value, null, indent));
}

describe('loading a notebook without its PNG images', () => {
  it('loads every corpus notebook as its whole text does, and most with images without them', () => {
    let withoutImages = 0;
    for (const file of corpusNotebooks()) {
      const bytes = readFileSync(file);
      assertLoadsAsWhole(bytes, corpusName(file));
      if (tookStandIns(bytes)) withoutImages++;
    }
    assert.ok(withoutImages >= 50, `${withoutImages} corpus notebooks loaded without their images`);
  });

  it('keeps an output image’s size exact, escapes in its data included', () => {
    const plain = bytesOf(notebook([codeCell('a', [pngOutput()])]));
    // JSON.stringify writes no `\/` and no `\u0041`; a notebook writer may.
    const escaped = Buffer.from(plain.toString().replace(/QUJD/g, 'QU\\/D\\u0041'));
    for (const bytes of [plain, escaped]) {
      assert.ok(tookStandIns(bytes));
      assertLoadsAsWhole(bytes);
    }
    const [plainSize, escapedSize] = [plain, escaped].map(
      (bytes) => loadFromBytes(bytes, 'n').notebook!.cells[0]!.outputs[0]!.size,
    );
    // Each `QUJD` became `QU/DA`: one character more in the decoded string.
    assert.equal(escapedSize, plainSize! + MIN_LEFT_OUT_BYTES / 4);
  });

  it('reads nbformat 3’s png key too', () => {
    const v3 = {
      metadata: { name: '' },
      nbformat: 3,
      nbformat_minor: 0,
      worksheets: [
        {
          cells: [
            {
              cell_type: 'code',
              input: 'plot()',
              language: 'python',
              metadata: {},
              outputs: [{ output_type: 'display_data', metadata: {}, png: PNG }],
              prompt_number: 1,
            },
          ],
          metadata: {},
        },
      ],
    };
    const bytes = bytesOf(v3);
    assert.ok(tookStandIns(bytes));
    assertLoadsAsWhole(bytes);
  });

  it('loads the whole text when an image is anywhere but an output, or is not one', () => {
    const attachment = {
      cell_type: 'markdown',
      id: 'm',
      metadata: {},
      source: '![x](attachment:x.png)',
      attachments: { 'x.png': { 'image/png': PNG } },
    };
    const cases: Record<string, Buffer> = {
      'a markdown cell’s attachment': bytesOf(notebook([attachment, codeCell('a', [pngOutput()])])),
      'the notebook’s metadata': bytesOf(notebook([codeCell('a', [pngOutput()])], { metadata: { 'image/png': PNG } })),
      'the same key twice in one output': Buffer.from(
        bytesOf(notebook([codeCell('a', [pngOutput()])]))
          .toString()
          .replace('"image/png":', `"image/png": "${PNG.replace('\n', '\\n')}", "image/png":`),
      ),
    };
    for (const [what, bytes] of Object.entries(cases)) {
      assert.notEqual(leaveOutImages(bytes), null, what);
      assert.equal(tookStandIns(bytes), false, what);
      assertLoadsAsWhole(bytes, what);
    }
    // PNG data written into a code cell's source is text of the cell: its quotes are escaped, so it is no key's value.
    const inSource = bytesOf(notebook([codeCell('a', [], `show({"image/png": "${PNG.trim()}"})`)]));
    assert.equal(leaveOutImages(inSource), null);
    assertLoadsAsWhole(inSource);
  });

  it('loads the whole text when a string of the notebook could pass for a stand-in', () => {
    const bytes = bytesOf(notebook([codeCell('a', [pngOutput()], 'x = "\\u0000123"')]));
    assert.ok(bytes.includes('\\u0000'));
    assert.equal(leaveOutImages(bytes), null);
    assertLoadsAsWhole(bytes);
  });

  it('puts findings about the file where the whole text puts them', () => {
    const valid = bytesOf(notebook([codeCell('a', [pngOutput()])]));
    const broken = Buffer.concat([valid.subarray(0, valid.length - 2), Buffer.from(',,}')]);
    // On one line, after the image: its place moves with every character cut out before it.
    const badMinor = bytesOf(notebook([codeCell('a', [pngOutput()])], { nbformat_minor: 'five' }), 0);
    const oldFormat = bytesOf({ ...notebook([codeCell('a', [pngOutput()])]), nbformat: 2 });
    for (const bytes of [broken, badMinor, oldFormat]) {
      const loaded = loadFromBytes(bytes, 'n.ipynb');
      assert.ok(loaded.findings.length > 0);
      assert.ok(loaded.findings.some((finding) => finding.range.start.line + finding.range.start.character > 0));
      assertLoadsAsWhole(bytes);
    }
  });

  it('loads any notebook of images, in any layout, as its whole text does', () => {
    const data = fc.oneof(
      fc.constant(PNG),
      fc.constant(PNG.slice(0, 40)),
      fc.constant(PNG.replace(/QUJD/g, 'QU\\nD')),
      fc.constant('R0lGODlh'.repeat(300)),
    );
    const output = fc.oneof(
      data.map((png) => pngOutput(png)),
      data.map((png) => ({
        output_type: 'execute_result',
        execution_count: 3,
        data: { 'image/png': png },
        metadata: {},
      })),
      data.map((png) => ({ output_type: 'display_data', data: { 'image/png': [png] }, metadata: {} })),
      data.map((png) => ({ output_type: 'display_data', data: {}, metadata: { 'image/png': png } })),
      fc.constant({ output_type: 'stream', name: 'stdout', text: 'done\n' }),
    );
    const cell = fc.oneof(
      fc
        .tuple(fc.array(output, { maxLength: 3 }), fc.string({ maxLength: 8 }))
        .map(([outputs, source]) => codeCell('c', outputs, source)),
      data.map((png) => ({
        cell_type: 'markdown',
        metadata: {},
        source: 'x',
        attachments: { 'a.png': { 'image/png': png } },
      })),
      data.map((png) => codeCell('c', [], `"image/png": "${png}"`)),
    );
    fc.assert(
      fc.property(
        fc.array(cell, { maxLength: 4 }),
        fc.constantFrom<string | number>(0, 1, 2, '\t'),
        (cells, indent) => {
          const withIds = cells.map((c, i) => ('id' in c ? { ...c, id: `c${i}` } : c));
          assertLoadsAsWhole(bytesOf(notebook(withIds), indent));
        },
      ),
      { numRuns: 300 },
    );
  });
});
