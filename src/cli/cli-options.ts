// The options of the `nbhygiene` command line, in node:util parseArgs form. A module of their own because
// dist/cli.js reads the command line too (to start the check's workers early, see speed/check-workers.ts), and its
// bundle must stay small: it is compiled on every run, without a code cache.

export const CLI_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  format: { type: 'string' },
  select: { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true },
  'fail-on': { type: 'string' },
  'exit-zero': { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  jobs: { type: 'string', short: 'j' },
} as const;

/** What `nbhygiene check` checks when given no path. */
export const DEFAULT_CHECK_PATHS: readonly string[] = ['.'];
