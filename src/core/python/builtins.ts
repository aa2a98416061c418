// Names a notebook can read without defining them: Python's builtins (3.8–3.13) and what IPython puts in the namespace.

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

// What IPython's kernel defines in every user namespace.
const IPYTHON_NAMES = `display get_ipython In Out _ __ ___ _i _ii _iii _ih _oh _dh exit quit`;

const DEFINED = new Set([...PYTHON_BUILTINS.split(/\s+/), ...IPYTHON_NAMES.split(/\s+/)]);

/** True for names that exist before any cell runs: builtins, IPython's names, and the numbered `_N` / `_iN` history. */
export function isPredefinedName(name: string): boolean {
  return DEFINED.has(name) || /^_i?\d+$/.test(name);
}
