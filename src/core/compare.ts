// Sorting strings the same on every machine: by UTF-16 code units, as Python's sorted() does for ASCII, not by the
// locale's collation (localeCompare differs between ICU builds and costs far more in hot sorts).

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
