// Does a cell show what it showed before? Text is compared exactly once normalised (normalise-output.ts), except
// numbers, which may differ within a relative tolerance (a float printed on another machine's BLAS); images by presence.
import type { CellOutputs, DisplayedValue } from './cell-outputs';
import { normaliseOutputText } from './normalise-output';

export interface CompareOptions {
  /** Relative tolerance for numbers found in the text: |a - b| <= rtol * max(|a|, |b|). Default 1e-5. */
  rtol?: number;
}

export const DEFAULT_RTOL = 1e-5;

export interface OutputDifference {
  /** What differs: printed text, a displayed value's text, the number of values, an image, the exception. */
  part: 'stdout' | 'value' | 'values' | 'image' | 'error';
  /** For part 'value' and 'image': the 0-based position of the displayed value. */
  valueIndex?: number;
  /** The expected and actual text (normalised), or a short phrase ("no exception"). */
  expected: string;
  actual: string;
  /** One line a person reads: what differs, with the first differing line when the text is long. */
  message: string;
}

const NUMBER = /[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?/g;

function numbersClose(a: number, b: number, rtol: number): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= rtol * Math.max(Math.abs(a), Math.abs(b));
}

/** Equal text, numbers within rtol: the words between the numbers must match exactly. */
export function textsMatch(expected: string, actual: string, rtol: number = DEFAULT_RTOL): boolean {
  if (expected === actual) return true;
  const words = (text: string) => text.split(NUMBER);
  const expectedWords = words(expected);
  const actualWords = words(actual);
  if (expectedWords.length !== actualWords.length) return false;
  if (expectedWords.some((word, k) => word !== actualWords[k])) return false;
  const expectedNumbers = expected.match(NUMBER) ?? [];
  const actualNumbers = actual.match(NUMBER) ?? [];
  return expectedNumbers.every((n, k) => numbersClose(Number(n), Number(actualNumbers[k]), rtol));
}

/** The first line where two texts part, for a message that fits on one line. */
export function firstDifferentLine(
  expected: string,
  actual: string,
): { line: number; expected: string; actual: string } {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    if (a[k] !== b[k]) return { line: k + 1, expected: a[k] ?? '<no line>', actual: b[k] ?? '<no line>' };
  }
  return { line: 1, expected: a[0] ?? '', actual: b[0] ?? '' };
}

function short(text: string, max = 80): string {
  const oneLine = JSON.stringify(text);
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…"`;
}

function textDifference(
  part: 'stdout' | 'value',
  expected: string,
  actual: string,
  valueIndex?: number,
): OutputDifference {
  const where = part === 'stdout' ? 'printed output' : `displayed value ${valueIndex! + 1}`;
  const first = firstDifferentLine(expected, actual);
  const at = expected.includes('\n') || actual.includes('\n') ? ` (line ${first.line})` : '';
  const difference: OutputDifference = {
    part,
    expected,
    actual,
    message: `${where} differs${at}: expected ${short(first.expected)}, got ${short(first.actual)}`,
  };
  if (valueIndex !== undefined) difference.valueIndex = valueIndex;
  return difference;
}

/** The text of a displayed value that is compared: text/plain when both have it, else text/html. */
function comparableText(value: DisplayedValue, other: DisplayedValue): string | undefined {
  if (value.text !== undefined && other.text !== undefined) return value.text;
  if (value.html !== undefined && other.html !== undefined) return value.html;
  return value.text ?? value.html;
}

function compareValue(
  expected: DisplayedValue,
  actual: DisplayedValue,
  index: number,
  rtol: number,
): OutputDifference | null {
  if (expected.image !== actual.image) {
    const says = (has: boolean) => (has ? 'an image' : 'no image');
    return {
      part: 'image',
      valueIndex: index,
      expected: says(expected.image),
      actual: says(actual.image),
      message: `displayed value ${index + 1}: expected ${says(expected.image)}, got ${says(actual.image)}`,
    };
  }
  // A figure's text/plain ("<Figure size 640x480 with 1 Axes>") says nothing the image presence has not said.
  if (expected.image) return null;
  const a = normaliseOutputText(comparableText(expected, actual) ?? '');
  const b = normaliseOutputText(comparableText(actual, expected) ?? '');
  return textsMatch(a, b, rtol) ? null : textDifference('value', a, b, index);
}

/** Every difference between what a cell showed before (`expected`) and now (`actual`); empty when it reproduced. */
export function compareOutputs(
  expected: CellOutputs,
  actual: CellOutputs,
  options: CompareOptions = {},
): OutputDifference[] {
  const rtol = options.rtol ?? DEFAULT_RTOL;
  const differences: OutputDifference[] = [];
  const expectedError = expected.error ? `${expected.error.ename}: ${expected.error.evalue}` : 'no exception';
  const actualError = actual.error ? `${actual.error.ename}: ${actual.error.evalue}` : 'no exception';
  if (expected.error?.ename !== actual.error?.ename) {
    differences.push({
      part: 'error',
      expected: expectedError,
      actual: actualError,
      message: `expected ${short(expectedError)}, got ${short(actualError)}`,
    });
  }
  const stdoutExpected = normaliseOutputText(expected.stdout);
  const stdoutActual = normaliseOutputText(actual.stdout);
  if (!textsMatch(stdoutExpected, stdoutActual, rtol)) {
    differences.push(textDifference('stdout', stdoutExpected, stdoutActual));
  }
  const count = Math.min(expected.values.length, actual.values.length);
  for (let k = 0; k < count; k++) {
    const difference = compareValue(expected.values[k], actual.values[k], k, rtol);
    if (difference) differences.push(difference);
  }
  if (expected.values.length !== actual.values.length) {
    const n = (count: number) => `${count} displayed value${count === 1 ? '' : 's'}`;
    differences.push({
      part: 'values',
      expected: n(expected.values.length),
      actual: n(actual.values.length),
      message: `expected ${n(expected.values.length)}, got ${n(actual.values.length)}`,
    });
  }
  return differences;
}
