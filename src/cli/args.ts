// The command line, parsed and validated before anything is read: every mistake here is exit code 2.
import { parseArgs } from 'node:util';
import type { NbhygieneConfig } from '../core/config/config';
import { isKnownSelector, normalizeSelector } from '../core/config/config';
import type { Severity } from '../core/types';
import { CACHE_FOLDER } from './result-cache';

const CLI_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  format: { type: 'string' },
  select: { type: 'string', multiple: true },
  'extend-select': { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true },
  'fail-on': { type: 'string' },
  'exit-zero': { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  jobs: { type: 'string', short: 'j' },
  'no-cache': { type: 'boolean' },
  'cache-dir': { type: 'string' },
} as const;

/** What `nbhygiene check` checks when given no path. */
export const DEFAULT_CHECK_PATHS: readonly string[] = ['.'];

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github' | 'markdown' | 'html';

export interface CheckOptions {
  paths: string[];
  format: OutputFormat;
  /** The CLI's layer over each notebook's pyproject config; only the flags that were given are set. */
  overrides: Partial<NbhygieneConfig>;
  failOn: Severity;
  exitZero: boolean;
  output: string | null;
  /** Worker threads to check with; null = one per core (up to 4) when there are enough files. */
  jobs: number | null;
  /** Whether to read and write the result cache (`--no-cache` turns it off). */
  cache: boolean;
  /** Where the result cache is, relative to the cwd (default `.nbhygiene_cache`). */
  cacheDir: string;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'check'; options: CheckOptions }
  | { kind: 'usage-error'; message: string };

export const HELP = `nbhygiene: find hidden state and other reproducibility hazards in Jupyter notebooks

Usage:
  nbhygiene check [PATH...] [options]   check notebooks (folders are searched for .ipynb files; default: .)
  nbhygiene --help | --version

Options for check:
  --format FORMAT           text (default), json, sarif (SARIF 2.1.0 for code scanning), github (Actions
                            annotations), markdown (a pull-request summary) or html (one self-contained file)
  --select CODES            only these rules, comma-separated codes or prefixes (e.g. NH1,NH203)
  --extend-select CODES     these rules beside the selected ones (how a rule off by default is turned on)
  --ignore CODES            skip these rules, comma-separated codes or prefixes
  --fail-on error|warning|info
                            lowest severity that makes the exit code 1 (default: warning)
  --exit-zero               exit 0 even when there are findings
  --output FILE             write the report to FILE instead of stdout
  --jobs N                  check on N threads, this one and N-1 workers (default: one per core, up to 4)
  --no-cache                check every notebook, neither reading nor writing the result cache
  --cache-dir DIR           keep the result cache in DIR (default: .nbhygiene_cache in the current folder)

Rules are configured in pyproject.toml under [tool.nbhygiene] (select, extend-select, ignore, severity);
the flags above override it. Folders skip .ipynb_checkpoints, node_modules, .git and what .gitignore ignores.

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage error, missing or unreadable file, internal error.
`;

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github', 'markdown', 'html'];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

class UsageError extends Error {}

/** `--select NH1,NH102 --select NH2` → ['NH1', 'NH102', 'NH2'], each checked against the rule registry. */
function parseCodes(flag: string, values: string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  const codes = values
    .flatMap((value) => value.split(','))
    .map(normalizeSelector)
    .filter((code) => code !== '');
  for (const code of codes) {
    if (!isKnownSelector(code)) throw new UsageError(`unknown rule code '${code}' in ${flag}`);
  }
  return codes;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
}

function parseJobs(value: string | undefined): number | null {
  if (value === undefined) return null;
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UsageError(`--jobs must be a whole number of at least 1 (got '${value}')`);
  return jobs;
}

export function parseCommandLine(argv: readonly string[]): Command {
  try {
    return parseOrThrow(argv);
  } catch (error) {
    // parseArgs throws TypeErrors with codes like ERR_PARSE_ARGS_UNKNOWN_OPTION; their messages are readable.
    return { kind: 'usage-error', message: (error as Error).message };
  }
}

function parseOrThrow(argv: readonly string[]): Command {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: CLI_OPTIONS,
  });
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('missing command (try: nbhygiene check PATH)');
  if (command !== 'check') throw new UsageError(`unknown command '${command}' (try: nbhygiene --help)`);

  const overrides: Partial<NbhygieneConfig> = {};
  const select = parseCodes('--select', values.select);
  const ignore = parseCodes('--ignore', values.ignore);
  const extendSelect = parseCodes('--extend-select', values['extend-select']);
  if (select !== undefined) overrides.select = select;
  if (extendSelect !== undefined) overrides.extendSelect = extendSelect;
  if (ignore !== undefined) overrides.ignore = ignore;
  return {
    kind: 'check',
    options: {
      paths: paths.length > 0 ? paths : [...DEFAULT_CHECK_PATHS],
      format: oneOf('--format', values.format, FORMATS, 'text'),
      overrides,
      failOn: oneOf('--fail-on', values['fail-on'], SEVERITIES, 'warning'),
      exitZero: values['exit-zero'] ?? false,
      output: values.output ?? null,
      jobs: parseJobs(values.jobs),
      cache: !(values['no-cache'] ?? false),
      cacheDir: values['cache-dir'] ?? CACHE_FOLDER,
    },
  };
}
