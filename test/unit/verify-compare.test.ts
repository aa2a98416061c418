// Comparing a cell's outputs with what it showed before: what changes on every run is not a difference, anything
// else is, with a message that says where.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CellOutputs, DisplayedValue } from '../../src/core/verify/cell-outputs';
import { savedOutputs } from '../../src/core/verify/cell-outputs';
import { compareOutputs, textsMatch } from '../../src/core/verify/compare-outputs';
import { normaliseOutputText } from '../../src/core/verify/normalise-output';

const printed = (stdout: string): CellOutputs => ({ stdout, values: [] });
const shown = (...values: Partial<DisplayedValue>[]): CellOutputs => ({
  stdout: '',
  values: values.map((value) => ({ kind: 'execute_result', mimeTypes: [], image: false, ...value })),
});

describe('normaliseOutputText', () => {
  it('replaces memory addresses', () => {
    assert.equal(
      normaliseOutputText('<Model object at 0x7f3a2c1b4d90>'),
      normaliseOutputText('<Model object at 0x7fe0aa01b2c0>'),
    );
  });

  it('replaces %time and %timeit figures', () => {
    const first = 'CPU times: user 2 µs, sys: 0 ns, total: 2 µs\nWall time: 4.77 µs\n';
    const second = 'CPU times: user 1.1 s, sys: 3 ms, total: 1.1 s\nWall time: 1.2 s\n';
    assert.equal(normaliseOutputText(first), normaliseOutputText(second));
    assert.equal(
      normaliseOutputText('12.3 ms ± 401 µs per loop (mean ± std. dev. of 7 runs, 100 loops each)'),
      normaliseOutputText('9.1 ms ± 1.2 ms per loop (mean ± std. dev. of 7 runs, 10 loops each)'),
    );
    assert.equal(normaliseOutputText('1000 loops, best of 3: 2.3 ms per loop'), '<timing>');
  });

  it('keeps what a terminal shows after carriage returns, and one line per progress bar', () => {
    const bar = ' 10%|█         | 1/10 [00:00<00:01,  9.8it/s]\r100%|██████████| 10/10 [00:01<00:00,  9.9it/s]\n';
    assert.equal(normaliseOutputText(`${bar}done\n`), '<progress bar>\ndone');
    assert.equal(
      normaliseOutputText('50%|#####     | 5/10 [00:00<00:00]\n100%|##########| 10/10 [00:01<00:00]\nok'),
      '<progress bar>\nok',
    );
  });

  it('ignores line endings and trailing blanks, not other text', () => {
    assert.equal(normaliseOutputText('a  \r\nb\n\n'), 'a\nb');
    assert.notEqual(normaliseOutputText('a b'), normaliseOutputText('a  b'));
  });
});

describe('textsMatch', () => {
  it('accepts numbers within the relative tolerance and nothing else', () => {
    assert.ok(textsMatch('accuracy 0.9512345', 'accuracy 0.9512349'));
    assert.ok(!textsMatch('accuracy 0.95', 'accuracy 0.96'));
    assert.ok(!textsMatch('accuracy 0.95', 'precision 0.95'));
    assert.ok(!textsMatch('count 100', 'count 101'));
    assert.ok(textsMatch('loss 1.0e-3', 'loss 1.00001e-3', 1e-4));
  });
});

describe('compareOutputs', () => {
  it('finds nothing when a cell reproduced', () => {
    assert.deepEqual(compareOutputs(printed('hello\n'), printed('hello\n')), []);
    assert.deepEqual(compareOutputs(shown({ text: '42' }), shown({ text: '42' })), []);
  });

  it('names the first differing line of printed output', () => {
    const [difference] = compareOutputs(printed('a\nb\nc\n'), printed('a\nB\nc\n'));
    assert.equal(difference.part, 'stdout');
    assert.equal(difference.message, 'printed output differs (line 2): expected "b", got "B"');
  });

  it('compares displayed values one by one, and their number', () => {
    const differences = compareOutputs(shown({ text: '1' }, { text: '2' }), shown({ text: '1' }));
    assert.deepEqual(
      differences.map((d) => d.message),
      ['expected 2 displayed values, got 1 displayed value'],
    );
    assert.equal(
      compareOutputs(shown({ text: '1' }), shown({ text: '3' }))[0].message,
      'displayed value 1 differs: expected "1", got "3"',
    );
  });

  it('compares images by presence only', () => {
    assert.deepEqual(
      compareOutputs(
        shown({ image: true, text: '<Figure size 640x480 with 1 Axes>' }),
        shown({ image: true, text: '<Figure size 432x288 with 1 Axes>' }),
      ),
      [],
    );
    assert.equal(compareOutputs(shown({ image: true }), shown({ text: 'x' }))[0].part, 'image');
  });

  it('compares text/html when text/plain is missing on one side', () => {
    assert.deepEqual(compareOutputs(shown({ html: '<b>1</b>' }), shown({ html: '<b>1</b>', text: '1' })), []);
    assert.equal(compareOutputs(shown({ html: '<b>1</b>' }), shown({ html: '<b>2</b>' }))[0].part, 'value');
  });

  it('reports an exception that appeared, and one that went away', () => {
    const failed: CellOutputs = {
      stdout: '',
      values: [],
      error: { ename: 'NameError', evalue: "name 'x' is not defined" },
    };
    assert.equal(
      compareOutputs(printed(''), failed)[0].message,
      'expected "no exception", got "NameError: name \'x\' is not defined"',
    );
    assert.equal(compareOutputs(failed, printed(''))[0].part, 'error');
    assert.deepEqual(compareOutputs(failed, failed), []);
  });
});

describe('savedOutputs', () => {
  it('keeps stdout streams, displayed values and the error, and leaves stderr out', () => {
    const saved = savedOutputs([
      { outputType: 'stream', mimeTypes: [], size: 1, text: 'a\n' },
      { outputType: 'stream', mimeTypes: [], size: 1, text: 'warning\n', stream: 'stderr' },
      { outputType: 'stream', mimeTypes: [], size: 1, text: 'b\n' },
      { outputType: 'display_data', mimeTypes: ['image/png', 'text/plain'], size: 1, text: '<Figure>' },
      { outputType: 'error', mimeTypes: [], size: 1, ename: 'ValueError', evalue: 'bad' },
    ]);
    assert.equal(saved.stdout, 'a\nb\n');
    assert.deepEqual(
      saved.values.map((value) => [value.kind, value.image]),
      [['display_data', true]],
    );
    assert.deepEqual(saved.error, { ename: 'ValueError', evalue: 'bad' });
  });
});
