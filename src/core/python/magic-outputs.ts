// Names that magics put in the user's namespace from code the engine cannot read as Python: rpy2's and oct2py's
// `-o` outputs (rpy2's `-d` too) and pulls, sparkmagic's `-o` data frames and `%%send_to_spark` variables, the functions a %%cython cell
// compiles, the `--out`/`--err` variables of IPython's script magics, %%timeit's setup statement, and what %px / %%px
// bind on IPython.parallel's engines (the notebook's lambdas sent there read them).
import type { Escape } from './escapes';

const IDENTIFIER = /^[A-Za-z_]\w*$/;

/** Magics whose `-o NAME` / `--output NAME` pushes NAME into Python (comma-separated lists, the option repeated). */
const OUTPUT_OPTION_MAGICS = new Set(['R', 'octave', 'spark', 'sql']);
/** rpy2's `%R -d NAME` / `--dataframe NAME` returns NAME to Python too (as a structured array). */
const DATAFRAME_OPTION_MAGICS = new Set(['R']);
/** Magics whose arguments are names pulled into Python (`%Rpull a b`). */
const PULL_MAGICS = new Set(['Rpull', 'octave_pull']);
/** Cell magics that compile or run their body elsewhere and bind what it defines (%%px: on the engines). */
const COMPILING_CELL_MAGICS = new Set(['cython', 'cython_pyximport', 'px']);
/** IPython's script magics: `--out NAME` / `--err NAME` keep the script's output and errors in NAME. */
const SCRIPT_MAGICS = new Set(['script', 'bash', 'sh', 'perl', 'ruby', 'python', 'python2', 'python3', 'pypy']);
/** `a, b = ...` at the start of a statement: the names it assigns. */
const ASSIGNED_NAMES = /^\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*=(?!=)/;

// At the body's top level: `def f(`, `cpdef double g(`, `class K`, `cdef class K`, `n = ...`.
const CYTHON_DEFINITION =
  /^(?:(?:async\s+)?def\s+([A-Za-z_]\w*)|cpdef\s+[^(=]*?([A-Za-z_]\w*)\s*\(|(?:cdef\s+)?class\s+([A-Za-z_]\w*)|([A-Za-z_]\w*)\s*=(?!=))/;

function outputOptions(args: string, dataframes: boolean): string[] {
  const names: string[] = [];
  const words = args.split(/\s+/);
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!;
    let value: string | undefined;
    if (word === '-o' || word === '--output' || (dataframes && (word === '-d' || word === '--dataframe')))
      value = words[++k];
    else if (word.startsWith('--output=')) value = word.slice('--output='.length);
    else if (dataframes && word.startsWith('--dataframe=')) value = word.slice('--dataframe='.length);
    else if (/^-o\S/.test(word) || (dataframes && /^-d\S/.test(word))) value = word.slice(2);
    for (const name of value?.split(',') ?? []) if (IDENTIFIER.test(name)) names.push(name);
  }
  return names;
}

function scriptOutputs(args: string): string[] {
  const names: string[] = [];
  const words = args.split(/\s+/);
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!;
    if (word === '--out' || word === '--err') {
      const name = words[++k];
      if (name && IDENTIFIER.test(name)) names.push(name);
    }
  }
  return names;
}

/** The names a statement's assignment binds (`%px x = 5`, `%%timeit a = np.ones(3)`); none for anything else. */
function assignedNames(statement: string): string[] {
  const m = ASSIGNED_NAMES.exec(statement);
  return m ? m[1]!.split(',').map((name) => name.trim()) : [];
}

/** %%timeit's arguments: options (`-n 10 -r 3 -q`) then the setup statement. */
function timeitSetup(args: string): string {
  return args.replace(/^(?:\s*-[nr]\s*\d+|\s*-[qop](?:\s+\d+)?|\s*-c)*/, '');
}

/**
 * sparkmagic's `%%send_to_spark -i local_name [-n spark_name]`: the variable it creates in the Spark session (the
 * namespace the PySpark kernel's cells run in) is named by -n/--varname, else by -i/--input.
 */
function sentToSpark(args: string): string[] {
  const words = args.split(/\s+/);
  const option = (short: string, long: string): string | undefined => {
    for (let k = 0; k < words.length; k++) {
      const word = words[k]!;
      if (word === short || word === long) return words[k + 1];
      if (word.startsWith(`${long}=`)) return word.slice(long.length + 1);
    }
    return undefined;
  };
  const name = option('-n', '--varname') ?? option('-i', '--input');
  return name !== undefined && IDENTIFIER.test(name) ? [name] : [];
}

function compiledNames(cellSource: string): string[] {
  const names: string[] = [];
  for (const line of cellSource.split('\n').slice(1)) {
    const m = CYTHON_DEFINITION.exec(line);
    const name = m && (m[1] ?? m[2] ?? m[3] ?? m[4]);
    if (name) names.push(name);
  }
  return names;
}

/**
 * The names an escape creates in Python that the masked text does not show. `cellSource` is the whole cell, for
 * cell magics whose body defines them.
 */
export function namesCreatedByMagic(escape: Escape, cellSource: string): string[] {
  if (escape.kind !== 'line-magic' && escape.kind !== 'cell-magic' && escape.kind !== 'automagic') return [];
  if (OUTPUT_OPTION_MAGICS.has(escape.name))
    return outputOptions(escape.args, DATAFRAME_OPTION_MAGICS.has(escape.name));
  if (escape.name === 'send_to_spark') return sentToSpark(escape.args);
  if (PULL_MAGICS.has(escape.name)) return escape.args.split(/[\s,]+/).filter((word) => IDENTIFIER.test(word));
  if (escape.kind === 'cell-magic' && SCRIPT_MAGICS.has(escape.name)) return scriptOutputs(escape.args);
  if (escape.kind === 'cell-magic' && escape.name === 'timeit') return assignedNames(timeitSetup(escape.args));
  if (escape.kind === 'line-magic' && escape.name === 'px') return assignedNames(escape.args);
  if (escape.kind === 'cell-magic' && !escape.misplaced && COMPILING_CELL_MAGICS.has(escape.name)) {
    // Only the part of the cell below the magic's line is the body.
    return compiledNames(cellSource.slice(cellSource.indexOf('%%')));
  }
  return [];
}
