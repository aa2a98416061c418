// The function name "Extract Cells to Module" proposes: from what the cells compute (the names they hand back to the
// notebook: `total` → `compute_total`), not from the nearest heading, which is often the notebook's own title.
import { isIdentifier } from './python-format';

/**
 * `compute_<name>` for one result, `compute_<a>_and_<b>` for two; the fallback when the cells hand back nothing or
 * more. Never a name in `used` (a `_2`, `_3`... is added).
 */
export function functionNameFromResults(
  returns: readonly string[],
  used: ReadonlySet<string>,
  fallback: string,
): string {
  const stem = (name: string) => name.replace(/^_+/, '').toLowerCase();
  const base =
    returns.length === 1
      ? `compute_${stem(returns[0]!)}`
      : returns.length === 2
        ? `compute_${stem(returns[0]!)}_and_${stem(returns[1]!)}`
        : fallback;
  const start = isIdentifier(base) ? base : fallback;
  let candidate = start;
  for (let k = 2; used.has(candidate); k++) candidate = `${start}_${k}`;
  return candidate;
}
