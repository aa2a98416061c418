// Names of IPython magics the escape scanner needs to know by heart.

/**
 * Cell magics whose body is still Python run by the kernel, so the body is analysed.
 * Every other cell magic (%%bash, %%html, %%writefile, unknown ones) hides its body from analysis:
 * guessing wrong that a body is Python would report errors in shell scripts or HTML.
 */
export const PYTHON_BODY_CELL_MAGICS: ReadonlySet<string> = new Set([
  'time',
  'timeit',
  'capture',
  'prun',
  'debug',
  // ipytest's magic runs the body with get_ipython().run_cell (the user namespace), then pytest on the notebook.
  'ipytest',
]);

/**
 * Line magics whose argument is one Python statement, after options: `%time x = f()`, `%timeit -n 10 f(y)`,
 * `%prun -s cumulative main()`. `options` are the magic's option letters, `valueOptions` those that take a value
 * (`-n 10` or `-n10`): `%time -x` times the expression `-x`; `binds` says whether the statement runs in the user's
 * namespace: %timeit runs it inside a function of its own, so `%timeit x = f()` leaves no x behind.
 */
export const PYTHON_STATEMENT_MAGICS: ReadonlyMap<string, { options: string; valueOptions: string; binds: boolean }> =
  new Map([
    ['time', { options: '', valueOptions: '', binds: true }],
    ['timeit', { options: 'nrptcqo', valueOptions: 'nrp', binds: false }],
    ['prun', { options: 'DTslrq', valueOptions: 'DTsl', binds: true }],
  ]);

/**
 * Line magics (and the shell aliases IPython defines as magics) that people commonly call without `%`.
 * Only these are recognised as automagic, so a stray `foo bar` line stays a Python syntax error.
 */
export const AUTOMAGIC_NAMES: ReadonlySet<string> = new Set([
  // packages
  'pip',
  'conda',
  'mamba',
  'micromamba',
  'uv',
  // files and directories
  'cd',
  'pwd',
  'ls',
  'll',
  'mkdir',
  'rmdir',
  'rm',
  'cp',
  'mv',
  'cat',
  'pushd',
  'popd',
  'bookmark',
  // running and loading code
  'run',
  'load',
  'load_ext',
  'reload_ext',
  'unload_ext',
  'autoreload',
  'aimport',
  'time',
  'timeit',
  'prun',
  'debug',
  'pdb',
  // environment and session
  'env',
  'set_env',
  'matplotlib',
  'pylab',
  'config',
  'xmode',
  'precision',
  'who',
  'whos',
  'who_ls',
  'reset',
  'reset_selective',
  'xdel',
  'store',
  'history',
  'hist',
  'save',
  'alias',
  'sx',
  'system',
  'psource',
  'pinfo',
  'pinfo2',
  'pdoc',
  'pdef',
  'pfile',
]);
