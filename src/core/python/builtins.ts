// Names a notebook can read without defining them: Python's builtins (3.8–3.13) and what IPython puts in the namespace.
import type { Notebook } from '../notebook/notebook';

const PYTHON_BUILTINS = `ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError
BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError
ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning
EnvironmentError Exception ExceptionGroup False FileExistsError FileNotFoundError FloatingPointError
FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError InterruptedError
IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError None
NotADirectoryError NotImplemented NotImplementedError OSError OverflowError PendingDeprecationWarning
PermissionError ProcessLookupError PythonFinalizationError RecursionError ReferenceError ResourceWarning RuntimeError
RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError
True TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError
UnicodeWarning UserWarning ValueError Warning ZeroDivisionError __build_class__ __debug__ __doc__ __import__
__loader__ __name__ __package__ __spec__ __builtins__ __file__ abs aiter all anext any ascii bin bool breakpoint
bytearray bytes callable chr classmethod compile complex copyright credits delattr dict dir divmod enumerate eval
exec exit filter float format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass
iter len license list locals map max memoryview min next object oct open ord pow print property quit range repr
reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip`;

// What IPython's kernel defines in every user namespace, and the shell aliases it defines on POSIX (`ls` alone on a
// line runs `ls -F`; automagic makes them callable without `!`).
const IPYTHON_NAMES = `display get_ipython In Out _ __ ___ _i _ii _iii _ih _oh _dh exit quit
ls ll lf lk ldir lx mkdir rmdir mv rm cp cat clear less more man`;

// Builtins Python 2 had and Python 3 dropped: a Python 2 notebook reads them without defining them.
const PYTHON2_BUILTINS = `xrange raw_input unicode basestring long unichr reduce file execfile cmp apply buffer intern coerce reload`;

// Names a kernel puts in the namespace before the first cell: Spark kernels (sparkmagic's PySpark kernel, pyspark
// shells) and Databricks notebooks.
const SPARK_NAMES = `sc spark sqlContext sqlc`;
const DATABRICKS_NAMES = `spark sc sqlContext dbutils display displayHTML table sql getArgument`;

const words = (list: string) => list.split(/\s+/).filter(Boolean);
const DEFINED = new Set([...words(PYTHON_BUILTINS), ...words(IPYTHON_NAMES)]);

const PYTHON_ONLY = new Set(words(PYTHON_BUILTINS));

/** Python's own builtins: what a module (not a notebook) can read without defining it. */
export function isPythonBuiltin(name: string): boolean {
  return PYTHON_ONLY.has(name);
}

/** True for names that exist before any cell runs: builtins, IPython's names, and the numbered `_N` / `_iN` history. */
export function isPredefinedName(name: string): boolean {
  return DEFINED.has(name) || /^_i?\d+$/.test(name);
}

/** What the engine knows of a notebook's kernel from its metadata. */
export interface KernelFacts {
  /** kernelspec.name, lower-cased ('' when absent). */
  kernelName: string;
  /** language_info.version, the kernel's name, or (with no version) its editor modes or nbformat 3 say Python 2. */
  python2: boolean;
  /** Saved from Databricks (its own metadata key). */
  databricks: boolean;
  /**
   * A sparkmagic kernel (pysparkkernel, pyspark3kernel, sparkkernel, sparkrkernel): every cell but `%%local` ones runs
   * in a Livy session on the Spark cluster, so its imports are the cluster's packages, not the local environment's.
   */
  livy: boolean;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase() : '';
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function kernelFacts(notebook: Pick<Notebook, 'metadata' | 'nbformat'>): KernelFacts {
  const metadata = notebook.metadata;
  const kernelspec = record(metadata.kernelspec);
  const languageInfo = record(metadata.language_info);
  const kernelName = text(kernelspec.name);
  const version = text(languageInfo.version);
  // A kernel that records no version may still name Python 2 in its editor modes: sparkmagic's PySpark kernel wrote
  // codemirror_mode {name: 'python', version: 2} and pygments_lexer 'python2' (its Python 3 twin, pyspark3kernel, 3).
  // An nbformat 3 notebook records no kernel at all: it was saved by IPython 1 or 2, whose notebooks ran Python 2
  // far more often than 3, so its Python 2 builtins and `print x` are taken as defined and valid (silence, not a
  // NameError that the notebook's own kernel did not raise).
  const codemirrorVersion = record(languageInfo.codemirror_mode).version;
  const lexer = text(languageInfo.pygments_lexer);
  return {
    kernelName,
    python2:
      /^2\./.test(version) ||
      kernelName === 'python2' ||
      (version === '' &&
        (codemirrorVersion === 2 || lexer === 'python2' || lexer === 'ipython2' || notebook.nbformat < 4)),
    databricks: Object.keys(metadata).some((key) => key.startsWith('application/vnd.databricks')),
    livy: /^(?:pyspark3?|spark|sparkr)kernel$/.test(kernelName),
  };
}

/**
 * The names a notebook can read without defining them: Python's and IPython's, those its kernel provides (Spark,
 * Databricks, Python 2's builtins), and the project's own (`builtins = [...]` in `[tool.nbhygiene]`, as in ruff).
 */
export function predefinedNames(
  kernel: KernelFacts,
  projectBuiltins: readonly string[] = [],
): (name: string) => boolean {
  const extra = new Set(projectBuiltins);
  if (kernel.python2) for (const name of words(PYTHON2_BUILTINS)) extra.add(name);
  if (/spark/.test(kernel.kernelName)) for (const name of words(SPARK_NAMES)) extra.add(name);
  if (kernel.databricks) for (const name of words(DATABRICKS_NAMES)) extra.add(name);
  if (extra.size === 0) return isPredefinedName;
  return (name) => isPredefinedName(name) || extra.has(name);
}
