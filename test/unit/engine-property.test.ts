// Random and broken notebooks never make the engine throw, and every finding stays inside its cell.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { notebookJson, testEngine, type CellSpec } from '../helpers/notebook';
import { rangeProblems } from '../helpers/ranges';

const PYTHON_LINES = [
  'x = 1',
  'x += y',
  'def f(a=b):\n    return a + c',
  'class K:\n    v = w\n    def m(self): return z',
  'for i in items:\n    total = total + i',
  'del x',
  'import os.path',
  'from m import *',
  '[q for q in qs if q]',
  'if (m := f(x)):\n    print(m)',
  'lambda: undefined',
  'df["a"] = 1',
  'df.dropna(inplace=True)',
  'lst.append(3)',
  'try:\n    pass\nexcept E as e:\n    pass',
  'with open(p) as fh:\n    fh.read()',
  'match v:\n    case [a, b]: pass',
  'x = (',
  'def broken(:\n',
  '"unterminated',
  '    indented = 1',
  'print(f"{a!r} {b:>{w}}")',
  'é = "😀"',
];
const MAGIC_LINES = [
  '%matplotlib inline',
  '!pip install pandas',
  '%pip install -q numpy==1.26',
  'files = !ls',
  '%time f(x)',
  'np.mean?',
  '??obj',
  'pip install requests',
  '%run other.py',
  '%%capture out',
  '%%bash\necho hi',
  '%%writefile m.py\nx = 1',
  '!pip install a \\\n  b',
  '%cd /tmp',
  '%pylab inline',
  'x = %who_ls',
];

const cellSource = fc
  .array(fc.oneof(fc.constantFrom(...PYTHON_LINES, ...MAGIC_LINES), fc.string({ maxLength: 30 })), { maxLength: 6 })
  .map((lines) => lines.join(fc.sample(fc.constantFrom('\n', '\r\n'), 1)[0]));

const cellSpec: fc.Arbitrary<CellSpec> = fc.record({
  source: cellSource,
  type: fc.constantFrom<CellSpec['type']>('code', 'code', 'code', 'markdown', 'raw'),
  count: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
});

const notebookText = fc.array(cellSpec, { maxLength: 12 }).map((cells) => notebookJson(cells));

/** A valid notebook's JSON with a random slice cut out, or a random field replaced by a value of the wrong type. */
const mutatedText = fc.oneof(
  fc
    .tuple(notebookText, fc.nat(), fc.nat())
    .map(([text, a, b]) => text.slice(0, a % (text.length + 1)) + text.slice(b % (text.length + 1))),
  fc
    .tuple(
      notebookText,
      fc.constantFrom(
        'cells',
        'source',
        'execution_count',
        'outputs',
        'metadata',
        'nbformat',
        'cell_type',
        'kernelspec',
      ),
      fc.jsonValue(),
    )
    .map(([text, field, value]) =>
      text.replace(new RegExp(`"${field}":`), `"${field}": ${JSON.stringify(value)}, "_was":`),
    ),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string(),
);

async function assertWellBehaved(text: string): Promise<void> {
  const result = (await testEngine()).check(text, 'random.ipynb');
  assert.deepEqual(
    result.findings.filter((finding) => finding.code === 'NH000'),
    [],
    'no internal error',
  );
  if (result.notebook) assert.deepEqual(rangeProblems(result.notebook, result.findings), []);
  else assert.ok(result.findings.length > 0, 'a notebook that did not load says why');
}

describe('engine on random and broken notebooks', () => {
  it('random notebooks with Python, magics and junk: no exception, ranges inside cells', async () => {
    await testEngine();
    await fc.assert(fc.asyncProperty(notebookText, assertWellBehaved), { numRuns: 300 });
  });

  it('truncated, mistyped and random JSON: no exception, a finding says what is wrong', async () => {
    await fc.assert(fc.asyncProperty(mutatedText, assertWellBehaved), { numRuns: 400 });
  });

  it('a real notebook cut at every 997th character never throws', async () => {
    const text = readFileSync('test/fixtures/notebooks/messy.ipynb', 'utf8');
    for (let end = 0; end < text.length; end += 997) await assertWellBehaved(text.slice(0, end));
  });
});
