// The plain data the dependency checks share: what manifests declare, what lock files pin, what is installed.
import { positionAt } from '../notebook/json-position';
import type { Position, Range } from '../types';

export type ManifestKind = 'requirements' | 'pyproject' | 'environment-yml' | 'pipfile' | 'setup-cfg' | 'pep723';

/** How a pin is written in place of the declaration's version part. */
export type PinStyle = 'pep508' | 'poetry' | 'pipfile' | 'conda';

export interface PinEdit {
  /** The text a pin replaces (a PEP 508 version part, a Poetry/Pipfile version string's content, a conda spec's version). */
  range: Range;
  style: PinStyle;
}

/** What a declared or installed requirement says, wherever it was written. */
export interface RequirementFields {
  /** As written. */
  name: string;
  /** PEP 503 normalised (for conda packages: of the PyPI distribution they provide). */
  key: string;
  /** The version part as written; '' when there is none. */
  specifier: string;
  pinned: boolean;
  /** The exact version when it is pinned to one. */
  version: string | null;
  /** Where it is written (0-based lines of its file or cell). */
  range: Range;
  /** What a pin replaces; null when no edit can pin it (a URL, a local path, mixed quoting, a table without a version). */
  pinEdit: PinEdit | null;
  ecosystem: 'pypi' | 'conda';
}

export interface Declaration extends RequirementFields {
  /** 'main', 'optional:<extra>', 'group:<name>', 'dev', 'pip' ... */
  group: string;
}

export interface Include {
  kind: 'requirements' | 'constraints';
  /** As written in the file (relative to its folder). */
  target: string;
  range: Range;
}

export interface ParseProblem {
  message: string;
  range: Range;
}

export interface ManifestParse {
  declarations: Declaration[];
  includes: Include[];
  problems: ParseProblem[];
  /** pyproject.toml: `[project] name` (the project's own package is a local import). */
  projectName?: string | null;
  /** pyproject.toml: `[tool.nbhygiene.import-map]`. */
  importMap?: Record<string, string[]>;
  /** pyproject.toml: false when it has no dependency table at all (only tool settings), so it is no manifest. */
  declaresDependencies?: boolean;
}

export interface Manifest extends ManifestParse {
  path: string;
  kind: ManifestKind;
  /** The file's text when the context was made (fixes merge into it). */
  text: string;
  /** A PEP 723 block lives in a code cell: ranges are then relative to this cell. */
  cellIndex?: number;
  /** A requirements file whose every requirement is pinned with `==` (pip-compile output): it is also a lock. */
  compiled?: boolean;
}

export type LockKind =
  'uv.lock' | 'poetry.lock' | 'pdm.lock' | 'Pipfile.lock' | 'pylock.toml' | 'conda-lock.yml' | 'pip-compile';

export interface LockEntry {
  name: string;
  key: string;
  version: string;
  range: Range;
}

export interface Lock {
  path: string;
  kind: LockKind;
  entries: LockEntry[];
  problems: ParseProblem[];
}

export interface InstalledDistribution {
  name: string;
  key: string;
  version: string;
  /** Dotted module prefixes it provides: `sklearn`, or `google.cloud.storage` for a namespace package. */
  modules: string[];
  /** The .dist-info folder. */
  path: string;
}

export interface InstalledEnvironment {
  sitePackages: string;
  distributions: InstalledDistribution[];
}

/**
 * Offsets to positions in one text, computed once. Lines end at '\n' only, as the engine splits cells (a lone '\r'
 * stays inside its line), so cell ranges made here agree with every other cell range.
 */
export class TextIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    this.starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    return positionAt(this.starts, offset, this.text.length);
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** The range of a whole line (without its line break). */
  lineRange(line: number): Range {
    const start = this.starts[line] ?? this.text.length;
    const next = this.starts[line + 1] ?? this.text.length + 1;
    const end = Math.max(start, next - 1 - (this.text[next - 2] === '\r' ? 1 : 0));
    return { start: { line, character: 0 }, end: { line, character: Math.min(end, this.text.length) - start } };
  }

  offset(position: Position): number {
    const start = this.starts[position.line] ?? this.text.length;
    return Math.min(start + position.character, this.text.length);
  }
}
