// What file a `%run` runs, read from its arguments as IPython reads them, and where the kernel looks for it. The
// project loader reads those files and the dataflow takes the names they define (analysis/run-targets.ts).
import { joinPath, normalizePath } from '../paths';
import type { Escape } from './escapes';

/** `%run`'s options (IPython's 'nidtN:b:pD:l:rs:T:em:G'): these take no value ... */
const FLAG_OPTIONS = new Set(['n', 'i', 'd', 't', 'p', 'r', 'e', 'G']);
/** ... and these one (`-N 5` or `-N5`); `-m module` runs a module, which is not a file the project has. */
const VALUE_OPTIONS = new Set(['N', 'b', 'D', 'l', 's', 'T', 'm']);

/** The words of a magic's arguments as a POSIX shell splits them: quotes group, a backslash escapes. */
function shellWords(args: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  for (let k = 0; k < args.length; k++) {
    const ch = args[k]!;
    if (quote !== null) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && k + 1 < args.length) word += args[++k]!;
      else word += ch;
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= '';
    } else if (ch === '\\' && k + 1 < args.length) {
      word = (word ?? '') + args[++k]!;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/**
 * The file a `%run` line runs, as written (`%run -i helpers.py arg1` → 'helpers.py'); null when it cannot be known
 * from the text: `-m module`, an option IPython rejects, no file, or a name IPython expands at run time (`$dir/x.py`,
 * `{name}.py`, `~/x.py`, a glob).
 */
export function runTarget(args: string): string | null {
  const words = shellWords(args);
  let k = 0;
  for (; k < words.length; k++) {
    const word = words[k]!;
    if (word === '--') {
      k++;
      break;
    }
    if (!word.startsWith('-') || word === '-') break;
    // Options can be grouped (`-it`); a value option takes the rest of the word or the next word.
    for (let c = 1; c < word.length; c++) {
      const letter = word[c]!;
      if (letter === 'm') return null;
      if (VALUE_OPTIONS.has(letter)) {
        if (c === word.length - 1) k++;
        break;
      }
      if (!FLAG_OPTIONS.has(letter)) return null;
    }
  }
  const target = words[k];
  if (target === undefined || target === '' || /[$\{\}*?\[\]]/.test(target) || target.startsWith('~')) return null;
  return target;
}

/** `%run x` or the automagic `run x`. */
export function isRunMagic(escape: Escape): boolean {
  return (escape.kind === 'line-magic' || escape.kind === 'automagic') && escape.name === 'run';
}

/**
 * The files IPython tries for a target, in its order, relative to the kernel's working directory (the notebook's
 * folder): the name as written, then with `.py` added (`%run helpers` runs helpers.py).
 */
export function runFileCandidates(folder: string, target: string): string[] {
  const path = /^(?:\/|[A-Za-z]:[\\/])/.test(target) ? normalizePath(target) : joinPath(folder, target);
  return path.endsWith('.py') ? [path] : [path, `${path}.py`];
}

/** How IPython runs the file: a notebook or an .ipy script through IPython (magics work), anything else as Python. */
export function runsAsNotebook(path: string): boolean {
  return path.toLowerCase().endsWith('.ipynb');
}
