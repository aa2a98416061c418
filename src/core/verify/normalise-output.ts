// Output text as a re-run can be expected to reproduce it: what changes on every run by its nature (memory addresses,
// timings, progress bars, terminal overwrites) is replaced by a fixed marker, so only real differences remain.

const ADDRESS = /\b0x[0-9a-fA-F]{8,}\b/g;
const TIMING_LINE = /^(CPU times|Wall time|Time taken|Elapsed time|Execution time)\s*:.*$/i;
// %timeit, current and IPython < 5 forms; and its warning about caching.
const TIMEIT_LINE =
  /^([\d.,]+ ?(ns|µs|us|ms|s|min) ± [\d.,]+ ?(ns|µs|us|ms|s|min) per loop \(mean ± std\. dev\. of [\d,]+ runs?, [\d,]+ loops? each\)|[\d,]+ loops?, best of \d+: [\d.,]+ ?(ns|µs|us|ms|s) per loop|The slowest run took .*)$/;
// tqdm: "desc:  42%|████▏     | 42/100 [00:01<00:02, 30.1it/s]" and its ascii and notebook-less variants.
const PROGRESS_LINE = /^.*\d{1,3}%\|.*\|\s*[\d.]+[kMGT]?\/?[\d.?]*[kMGT]?\s*\[[^\]]*\]\s*$/;

export const ADDRESS_MARK = '0x…';
export const TIMING_MARK = '<timing>';
export const PROGRESS_MARK = '<progress bar>';

/** What a terminal would finally show on a line that carriage returns overwrote. */
function afterCarriageReturns(line: string): string {
  const parts = line.split('\r').filter((part) => part !== '');
  return parts.length === 0 ? '' : parts[parts.length - 1];
}

/** One normalised line, or null when the line is one more repeat of a progress bar already shown. */
function normaliseLine(line: string): string {
  const shown = afterCarriageReturns(line).replace(/\s+$/, '');
  if (TIMING_LINE.test(shown)) return `${shown.split(':')[0]}: ${TIMING_MARK}`;
  if (TIMEIT_LINE.test(shown)) return TIMING_MARK;
  if (PROGRESS_LINE.test(shown)) return PROGRESS_MARK;
  return shown.replace(ADDRESS, ADDRESS_MARK);
}

export function normaliseOutputText(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n').map(normaliseLine);
  // A bar redrawn on new lines (no carriage return support) is still one bar.
  const kept = lines.filter((line, k) => !(line === PROGRESS_MARK && lines[k - 1] === PROGRESS_MARK));
  return kept.join('\n').replace(/\n+$/, '');
}
