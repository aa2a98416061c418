// V8 settings for a short batch run, set before anything is compiled: V8 records its flags in each code cache
// and refuses a cache made under other flags (see code-cache.ts).
import { setFlagsFromString } from 'node:v8';

/**
 * A check is a short run: V8's default makes it optimise hundreds of functions in the first few hundred
 * milliseconds, and on a 2-core machine those compiles (one set per worker thread) take the cores the checks need.
 * A larger budget lets fewer, hotter functions be optimised: the corpus's 126 notebooks check ~20% faster.
 * Tiering is the only thing this flag changes; it applies to the worker threads too (V8 flags are per process).
 */
export function tuneV8ForShortRuns(): void {
  setFlagsFromString('--interrupt-budget=600000');
}
