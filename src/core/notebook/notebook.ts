// The notebook as the engine sees it: nbformat 4 semantics, sources joined, outputs summarised.

export type CellKind = 'code' | 'markdown' | 'raw';

/** What the engine keeps of one output: enough for the rules, never the multi-MB payload itself. */
export interface OutputSummary {
  outputType: 'execute_result' | 'display_data' | 'stream' | 'error' | 'unknown';
  /** MIME types present in `data` (execute_result / display_data). */
  mimeTypes: string[];
  /** Approximate size of the output in the .ipynb, in characters. */
  size: number;
  /** text/plain (or stream text), cut to TEXT_KEEP characters. */
  text?: string;
  /** text/html, cut to TEXT_KEEP characters (tables shown by pandas). */
  html?: string;
  /** For stream outputs written to stderr (absent for stdout), so a re-run compares stdout with stdout. */
  stream?: 'stderr';
  /** For error outputs. */
  ename?: string;
  evalue?: string;
  /** execute_result's own execution_count, when present. */
  executionCount?: number | null;
}

export const TEXT_KEEP = 20_000;

export interface Cell {
  /** 0-based position among all cells, as VS Code counts them. */
  index: number;
  id?: string;
  kind: CellKind;
  /** Joined source, BOM removed, CRLF turned into LF. */
  source: string;
  /** null when the cell never ran (or is not a code cell); never 0 (see runNumber). */
  executionCount: number | null;
  metadata: Record<string, unknown>;
  tags: string[];
  outputs: OutputSummary[];
  /**
   * The cell's text changed after it last ran, so its outputs (and count) belong to other code. Only an editor knows
   * it (a file does not say); the editor also keeps `executionCount` as the count of that last run (NH107).
   */
  changedSinceRun?: boolean;
}

/**
 * A saved execution count as a run number, or null for "never ran". Jupyter numbers runs from 1; Colab saves 0 (as
 * well as null) for a cell it did not number, so counts 4, 0, 6 say nothing about order.
 */
export function runNumber(savedCount: number | null): number | null {
  return savedCount === 0 ? null : savedCount;
}

export interface Notebook {
  path: string;
  nbformat: number;
  nbformatMinor: number;
  /** Lower-cased kernel language: language_info.name, else kernelspec.language, else "python". */
  language: string;
  metadata: Record<string, unknown>;
  cells: Cell[];
  /** Size of the .ipynb text in characters. */
  size: number;
}
