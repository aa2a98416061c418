// Package installs written in a notebook: %pip, %conda, %mamba, %uv pip, !pip, !python -m pip, automagic
// `pip install`, with -r files, flags, extras, URLs and several packages per line. Each package keeps its range
// in the cell, so a diagnostic (and a pin) lands on the package itself.
import type { Escape } from '../python/escapes';
import type { Range } from '../types';
import { CONDA_NON_PACKAGES, parseCondaSpec } from './conda-spec';
import { TextIndex, type PinEdit, type RequirementFields } from './dependency-data';
import { normalizeName } from './normalize';
import { isFixedReference, nameFromUrl, parseRequirement, pep508PinEdit, requirementFacts } from './requirement';
import { shellCommands, type Word } from './shell-words';

export type InstallTool = 'pip' | 'conda' | 'uv';

/** One package of an install command; `range` is the word in the cell. */
export interface PackageRequest extends RequirementFields {
  /** The word as written (quotes included). */
  raw: string;
  /** Written as `pandas>=2` without quotes: the shell cut the version off as a redirection. */
  redirected?: boolean;
}

export interface InstallCommand {
  cellIndex: number;
  escape: Escape;
  tool: InstallTool;
  via: 'magic' | 'automagic' | 'shell';
  /** `!pip`, `!python -m pip`: pip from the PATH, which may not be the kernel's environment. */
  outsideKernel: boolean;
  /** From the escape's `!`/`%` to the end of the word that names the installer (`!python -m pip`). */
  commandRange: Range;
  /** The whole install command. */
  range: Range;
  /** The escape runs this one command only (no `&&` chain, no `sudo`, not assigned). */
  alone: boolean;
  packages: PackageRequest[];
  requirementFiles: { path: string; range: Range }[];
  /** Flags as written (`-q`, `--upgrade`). */
  flags: string[];
}

const PIP_VALUE_OPTIONS = new Set([
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '--trusted-host',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '--src',
  '--upgrade-strategy',
  '--progress-bar',
  '--cache-dir',
  '--python',
  '-p',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--only-binary',
  '--no-binary',
  '--log',
  '--proxy',
  '--timeout',
  '--retries',
  '--exists-action',
  '--config-settings',
  '-C',
  '--global-option',
  '--report',
  '--use-feature',
  '--use-deprecated',
  '--cert',
  '--client-cert',
  '--keyring-provider',
  '--root-user-action',
  '--index-strategy',
  '--resolution',
  '--prerelease',
  '--group',
  '--torch-backend',
  '--extra',
  '--index',
]);
const CONDA_VALUE_OPTIONS = new Set([
  '-c',
  '--channel',
  '-n',
  '--name',
  '-p',
  '--prefix',
  '--solver',
  '--repodata-fn',
  '--platform',
  '--subdir',
]);
const MAGIC_TOOLS: Record<string, InstallTool> = {
  pip: 'pip',
  conda: 'conda',
  mamba: 'conda',
  micromamba: 'conda',
  uv: 'uv',
};

function basename(word: string): string {
  return word.slice(word.replace(/\\/g, '/').lastIndexOf('/') + 1);
}

interface Head {
  tool: InstallTool;
  outsideKernel: boolean;
  /** Index of the first word after `install`. */
  argsFrom: number;
  /** Index of the word that ends the installer's name. */
  nameWord: number;
  prefixed: boolean;
}

/** Recognises `pip install`, `python -m pip install`, `{sys.executable} -m pip install`, `conda install`, `uv pip install`. */
function readHead(words: Word[], shell: boolean): Head | null {
  let k = 0;
  while (shell && k < words.length && (words[k]!.text === 'sudo' || /^[A-Za-z_]\w*=/.test(words[k]!.text))) k++;
  const prefixed = k > 0;
  const first = words[k]?.text ?? '';
  const cmd = basename(first);
  let tool: InstallTool | null = null;
  let outsideKernel = false;
  let nameWord = k;
  if (/^pip(\d+(\.\d+)?)?$/.test(cmd)) {
    tool = 'pip';
    outsideKernel = shell;
  } else if (
    (/^python(\d+(\.\d+)?)?(\.exe)?$/.test(cmd) || cmd === 'py' || /sys\.executable/.test(first)) &&
    words[k + 1]?.text === '-m'
  ) {
    const module = words[k + 2]?.text ?? '';
    if (/^pip\d*$/.test(module)) tool = 'pip';
    else if (module === 'uv' && words[k + 3]?.text === 'pip') {
      tool = 'uv';
      nameWord = k + 1;
    }
    if (tool === null) return null;
    outsideKernel = shell && !/sys\.executable/.test(first);
    nameWord += 2;
  } else if (cmd === 'conda' || cmd === 'mamba' || cmd === 'micromamba') {
    tool = 'conda';
  } else if (cmd === 'uv' && words[k + 1]?.text === 'pip') {
    tool = 'uv';
    nameWord = k + 1;
  }
  if (tool === null) return null;
  let j = nameWord + 1;
  while (j < words.length && words[j]!.text.startsWith('-')) j++;
  if (words[j]?.text !== 'install') return null;
  return { tool, outsideKernel, argsFrom: j + 1, nameWord, prefixed };
}

function pipRequest(word: Word, index: TextIndex): PackageRequest | null {
  const text = word.text;
  if (/[{}$]/.test(text)) return null; // IPython/shell variable expansion: unknown until run time
  const base = { raw: word.raw, range: word.range, ecosystem: 'pypi' as const };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^(git|hg|svn|bzr)\+/.test(text) || /\.(whl|tar\.gz|zip)$/i.test(text)) {
    const name = nameFromUrl(text);
    if (!name) return null;
    return {
      ...base,
      name,
      key: normalizeName(name),
      specifier: text,
      pinned: isFixedReference(text),
      version: null,
      pinEdit: null,
    };
  }
  if (/^(\.|\/|~)/.test(text)) return null; // a local path: the project's own code
  const parsed = parseRequirement(text);
  if (!parsed.ok) return null;
  const req = parsed.requirement;
  const editable = word.textStart >= 0 && !word.redirectAfter;
  return {
    ...base,
    ...requirementFacts(req),
    pinEdit: editable
      ? pep508PinEdit(req, (from, to) => index.range(word.textStart + from, word.textStart + to))
      : null,
    ...(word.redirectAfter ? { redirected: true } : {}),
  };
}

function condaRequest(word: Word, index: TextIndex): PackageRequest | null {
  if (/[{}$]/.test(word.text)) return null;
  const spec = parseCondaSpec(word.text);
  if (!spec || CONDA_NON_PACKAGES.has(spec.name.toLowerCase())) return null;
  const pinEdit: PinEdit | null =
    word.textStart >= 0
      ? {
          range: index.range(word.textStart + spec.versionSpan[0], word.textStart + spec.versionSpan[1]),
          style: 'conda',
        }
      : null;
  return {
    raw: word.raw,
    name: spec.name,
    key: spec.key,
    specifier: spec.version,
    pinned: spec.pinnedVersion !== null,
    version: spec.pinnedVersion,
    range: word.range,
    pinEdit,
    ecosystem: 'conda',
  };
}

function readArgs(
  words: Word[],
  from: number,
  tool: InstallTool,
  index: TextIndex,
): Pick<InstallCommand, 'packages' | 'requirementFiles' | 'flags'> {
  const packages: PackageRequest[] = [];
  const requirementFiles: { path: string; range: Range }[] = [];
  const flags: string[] = [];
  const valueOptions = tool === 'conda' ? CONDA_VALUE_OPTIONS : PIP_VALUE_OPTIONS;
  for (let k = from; k < words.length; k++) {
    const word = words[k]!;
    const text = word.text;
    if (text.startsWith('-')) {
      const [option, glued] = text.startsWith('--')
        ? text.split('=', 2)
        : [text.slice(0, 2), text.length > 2 && (text[1] === 'r' || text[1] === 'c') ? text.slice(2) : undefined];
      const isFile = option === '-r' || option === '--requirement' || (tool === 'conda' && option === '--file');
      if (isFile) {
        const value = glued ?? words[++k]?.text;
        const at = glued !== undefined ? word.range : words[k]?.range;
        if (value && at) requirementFiles.push({ path: value, range: at });
      } else if (valueOptions.has(option!)) {
        if (glued === undefined) k++;
      } else {
        flags.push(text);
      }
      continue;
    }
    const request = tool === 'conda' ? condaRequest(word, index) : pipRequest(word, index);
    if (request) packages.push(request);
  }
  return { packages, requirementFiles, flags };
}

/** The installs in one cell, from its scanned escapes. */
function mayInstall(escape: Escape): boolean {
  if (escape.kind === 'shell') return /\binstall\b/.test(escape.args);
  return (escape.kind === 'line-magic' || escape.kind === 'automagic') && escape.name in MAGIC_TOOLS;
}

export function findInstalls(cellIndex: number, source: string, escapes: readonly Escape[]): InstallCommand[] {
  const candidates = escapes.filter(mayInstall);
  if (candidates.length === 0) return [];
  const index = new TextIndex(source);
  const found: InstallCommand[] = [];
  for (const escape of candidates) {
    const shell = escape.kind === 'shell';
    const start = index.offset(escape.range.start);
    const skip = shell ? (source.startsWith('!!', start) ? 2 : 1) : escape.kind === 'line-magic' ? 1 : 0;
    const commands = shellCommands(source, start + skip, index.offset(escape.range.end));
    for (const words of commands) {
      const head = readHead(words, shell);
      if (!head) continue;
      found.push({
        cellIndex,
        escape,
        tool: head.tool,
        via: shell ? 'shell' : escape.kind === 'line-magic' ? 'magic' : 'automagic',
        outsideKernel: head.outsideKernel,
        commandRange: {
          start: words === commands[0] && !head.prefixed ? escape.range.start : words[0]!.range.start,
          end: words[head.nameWord]!.range.end,
        },
        range: {
          start: words === commands[0] ? escape.range.start : words[0]!.range.start,
          end: words[words.length - 1]!.range.end,
        },
        alone: commands.length === 1 && !head.prefixed && escape.assignTarget === undefined,
        ...readArgs(words, head.argsFrom, head.tool, index),
      });
    }
  }
  return found;
}
