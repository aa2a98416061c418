// The plain data every face of nbhygiene shares: the editor, the CLI and the tests read the same shapes.

/** Zero-based, like VS Code's Position. `character` counts UTF-16 code units. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_ORDER: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Another place that explains a finding: a cell of the same notebook, or a line in another file. */
export interface RelatedLocation {
  message: string;
  /** Cell index (0-based among all cells) when the place is a cell of the same notebook. */
  cellIndex: number | null;
  /** Path of another file (a manifest, a test) when the place is not a cell. */
  file?: string;
  range: Range;
}

/** A change to one cell's source, in cell-relative coordinates. */
export interface CellTextEdit {
  cellIndex: number;
  range: Range;
  newText: string;
}

/** A file created, or changed by replacing its whole text (after merging with what it had). */
export interface FileEdit {
  path: string;
  /** The text the file had when the plan was made; null when the file does not exist yet. */
  expectedOldText: string | null;
  newText: string;
}

/** A cell a fix creates. */
export interface NewCell {
  kind: 'code' | 'markdown';
  source: string;
  /** Jupyter cell tags (`parameters` for papermill). */
  tags?: string[];
}

/**
 * A change to the notebook's cells. Every index counts the cells of the notebook the plan was made for, as cell text
 * edits do, so the operations of several fixes merge without renumbering. `before` places a cell before that cell
 * (the number of cells: at the end); cells placed before the same cell keep the plan's order.
 */
export type CellOperation =
  | { op: 'insert'; before: number; cell: NewCell }
  | { op: 'move'; cellIndex: number; before: number }
  | { op: 'delete'; cellIndex: number }
  /** The cell's source and kind replaced; its id, outputs and metadata go with the old cell. */
  | { op: 'replace'; cellIndex: number; cell: NewCell }
  /** Outputs removed and execution count cleared, as Jupyter's "Clear Output" does. */
  | { op: 'clearOutputs'; cellIndex: number }
  | { op: 'clearExecutionCount'; cellIndex: number }
  /** One key of the cell's Jupyter metadata set (`tags`, ...); null removes it. */
  | { op: 'setMetadata'; cellIndex: number; key: string; value: unknown };

/** What a fix or a refactoring does, as data; the editor applies it as one WorkspaceEdit, the CLI as file writes. */
export interface EditPlan {
  cellEdits: CellTextEdit[];
  fileEdits: FileEdit[];
  /** Cell operations, applied after the text edits (which name cells as the plan found them). */
  cellOps?: CellOperation[];
}

export interface Fix {
  title: string;
  /** Safe fixes are applied by "fix all" and `nbhygiene fix` without --unsafe. */
  safe: boolean;
  isPreferred: boolean;
  plan: EditPlan;
  /**
   * Set when the fix needs a value from the user first (a version nobody knows): every `placeholder` in the plan's
   * new texts is replaced by the answer. The editor asks; the CLI takes it from `--pin NAME=VERSION` or skips the
   * fix and lists it: a plan with its placeholder in it is never applied.
   */
  ask?: { prompt: string; placeholder: string; /** The distribution whose version is asked for. */ versionOf: string };
  /**
   * 'notebook': one fix for every finding that carries it (reorder all cells); `nbhygiene fix` takes it once, rather
   * than each finding's own fix.
   */
  scope?: 'notebook';
}

/** The plan of an asking fix with the user's answer put in. */
export function answerPlan(fix: Fix, answer: string): EditPlan {
  const fill = (text: string) => (fix.ask ? text.split(fix.ask.placeholder).join(answer) : text);
  const cellOps = fix.plan.cellOps?.map((op) =>
    op.op === 'insert' || op.op === 'replace' ? { ...op, cell: { ...op.cell, source: fill(op.cell.source) } } : op,
  );
  return {
    cellEdits: fix.plan.cellEdits.map((edit) => ({ ...edit, newText: fill(edit.newText) })),
    fileEdits: fix.plan.fileEdits.map((edit) => ({ ...edit, newText: fill(edit.newText) })),
    ...(cellOps ? { cellOps } : {}),
  };
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  /** The notebook's path as it was given to the engine. */
  notebook: string;
  /** 0-based index among all cells; null for findings about the notebook as a whole. */
  cellIndex: number | null;
  cellId?: string;
  /**
   * Cell-relative range when cellIndex is set; otherwise the position in the .ipynb text
   * (0:0 when there is none).
   */
  range: Range;
  related: RelatedLocation[];
  fixes: Fix[];
  /** Shown faded in the editor (DiagnosticTag.Unnecessary). */
  unnecessary?: boolean;
  /** Why the finding has no fix that would fix it (a move that would break another read); `nbhygiene fix` prints it. */
  fixRefusal?: string;
}

export function rangeOf(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

export const ZERO_RANGE: Range = rangeOf(0, 0, 0, 0);
