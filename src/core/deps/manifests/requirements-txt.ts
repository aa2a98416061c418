// requirements*.txt as pip reads it: `\` continuations, comments, `-r`/`-c` includes, `-e`, index options,
// per-requirement `--hash`, environment markers, URLs. pip-compile output (every requirement `==` pinned) is flagged.
import { isFixedReference, nameFromUrl, parseRequirement, pep508PinEdit, requirementFacts } from '../requirement';
import { normalizeName } from '../normalize';
import { TextIndex, type Declaration, type Include, type ManifestParse, type ParseProblem } from '../dependency-data';

export interface RequirementsParse extends ManifestParse {
  /** Every requirement is pinned with `==` (what pip-compile and `pip freeze` write). */
  compiled: boolean;
}

/** One logical line: the joined text and, for each of its characters, the offset in the file. */
interface LogicalLine {
  text: string;
  offsets: number[];
}

const COMMENT = /(^|\s)#/;
/** Options that take a value, in both spellings. */
const VALUE_OPTIONS = new Set([
  '-r',
  '--requirement',
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
  '--only-binary',
  '--no-binary',
  '--use-feature',
  '--progress-bar',
  '--config-settings',
  '--global-option',
  '--install-option',
  '--hash',
]);

function physicalLines(text: string): { text: string; offset: number }[] {
  const lines: { text: string; offset: number }[] = [];
  let offset = 0;
  for (const raw of text.split('\n')) {
    lines.push({ text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, offset });
    offset += raw.length + 1;
  }
  return lines;
}

/** pip's join_lines: a line ending in `\` continues, unless it is (or ends in) a comment. */
function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let current: LogicalLine | null = null;
  for (const line of physicalLines(text)) {
    const continues = line.text.endsWith('\\') && !COMMENT.test(line.text);
    const body = continues ? line.text.slice(0, -1) : line.text;
    const piece: LogicalLine = { text: body, offsets: Array.from({ length: body.length }, (_, k) => line.offset + k) };
    if (current) {
      current.text += body;
      current.offsets.push(...piece.offsets);
    } else {
      current = piece;
    }
    if (!continues) {
      out.push(current);
      current = null;
    }
  }
  if (current) out.push(current);
  return out;
}

function stripComment(line: LogicalLine): LogicalLine {
  const m = COMMENT.exec(line.text);
  if (!m) return line;
  const cut = m.index;
  return { text: line.text.slice(0, cut), offsets: line.offsets.slice(0, cut) };
}

/** Splits `req --hash=a --hash b` at the first option that starts a word (outside quotes). */
function splitOptions(text: string): { requirement: string; options: string } {
  let quote: string | null = null;
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '-' && k > 0 && /\s/.test(text[k - 1]!) && /[A-Za-z-]/.test(text[k + 1] ?? '')) {
      return { requirement: text.slice(0, k), options: text.slice(k) };
    }
  }
  return { requirement: text, options: '' };
}

/** `-r file`, `--requirement=file`, `-rfile`: the option and its value. */
function readOption(text: string): { option: string; value: string; valueStart: number } {
  const m = /^(--?[A-Za-z][\w-]*)(?:=|\s+)?/.exec(text);
  if (!m) return { option: text.split(/\s/)[0]!, value: '', valueStart: text.length };
  let option = m[1]!;
  let valueStart = m[0].length;
  if (/^-[A-Za-z]./.test(option) && !option.startsWith('--')) {
    // A short option glued to its value.
    valueStart = 2;
    option = option.slice(0, 2);
  }
  const rest = text.slice(valueStart);
  const value = VALUE_OPTIONS.has(option) ? (/^\S+/.exec(rest)?.[0] ?? '') : '';
  return { option, value, valueStart };
}

function looksLikeUrlOrPath(text: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ||
    /^(\.{1,2}[\\/]|\/|~)/.test(text) ||
    text === '.' ||
    /^(git|hg|svn|bzr)\+/.test(text) ||
    /\.(whl|tar\.gz|zip)$/i.test(text)
  );
}

export function parseRequirementsTxt(text: string): RequirementsParse {
  const index = new TextIndex(text);
  const declarations: Declaration[] = [];
  const includes: Include[] = [];
  const problems: ParseProblem[] = [];
  let pinnedCount = 0;

  for (const logical of logicalLines(text)) {
    const line = stripComment(logical);
    const lead = line.text.length - line.text.trimStart().length;
    const body = line.text.trim();
    if (body === '') continue;
    const at = (start: number, end: number) =>
      index.range(line.offsets[lead + start]!, line.offsets[lead + end - 1]! + 1);

    if (body.startsWith('-')) {
      if (!/^--?[A-Za-z]/.test(body)) {
        problems.push({ message: `not a requirement or an option: '${body}'`, range: at(0, body.length) });
        continue;
      }
      const { option, value, valueStart } = readOption(body);
      const valueAt = body.indexOf(value, valueStart);
      if (option === '-r' || option === '--requirement' || option === '-c' || option === '--constraint') {
        if (value === '') problems.push({ message: `${option} without a file`, range: at(0, body.length) });
        else
          includes.push({
            kind: option === '-c' || option === '--constraint' ? 'constraints' : 'requirements',
            target: value,
            range: at(valueAt, valueAt + value.length),
          });
      } else if ((option === '-e' || option === '--editable') && value !== '') {
        const name = nameFromUrl(value);
        if (name && !/^(\.|\/|~)/.test(value)) {
          const fixed = isFixedReference(value);
          if (fixed) pinnedCount++;
          declarations.push({
            name,
            key: normalizeName(name),
            specifier: '',
            pinned: fixed,
            version: null,
            range: at(valueAt, valueAt + value.length),
            pinEdit: null,
            group: 'main',
            ecosystem: 'pypi',
          });
        }
      }
      continue;
    }

    const { requirement, options } = splitOptions(body);
    const reqText = requirement.trimEnd();
    const hashes = /(^|\s)--hash[=\s]/.test(options);
    if (looksLikeUrlOrPath(reqText)) {
      const name = nameFromUrl(reqText);
      if (name && !/^(\.|\/|~)/.test(reqText)) {
        const fixed = isFixedReference(reqText) || hashes;
        if (fixed) pinnedCount++;
        declarations.push({
          name,
          key: normalizeName(name),
          specifier: '',
          pinned: fixed,
          version: null,
          range: at(0, reqText.length),
          pinEdit: null,
          group: 'main',
          ecosystem: 'pypi',
        });
      }
      continue;
    }
    const parsed = parseRequirement(reqText);
    if (!parsed.ok) {
      problems.push({ message: parsed.error, range: at(0, reqText.length) });
      continue;
    }
    const req = parsed.requirement;
    const facts = requirementFacts(req, { hashes });
    if (facts.version !== null) pinnedCount++;
    declarations.push({
      ...facts,
      range: at(0, reqText.length),
      pinEdit: pep508PinEdit(req, (from, to) => spanRange(at, [from, to])),
      group: 'main',
      ecosystem: 'pypi',
    });
  }
  const compiled = declarations.length > 0 && pinnedCount === declarations.length;
  return { declarations, includes, problems, compiled };
}

/** A span of the requirement text as a range; an empty span sits right after the character before it. */
function spanRange(at: (start: number, end: number) => ReturnType<TextIndex['range']>, [start, end]: [number, number]) {
  if (end > start) return at(start, end);
  const before = at(start - 1, start).end;
  return { start: before, end: before };
}
