// The open notebook document as the engine's Notebook: what the user sees now, not what is on disk.
import * as vscode from 'vscode';
import { runNumber, type Cell, type CellKind, type Notebook, type OutputSummary } from '../core/notebook/notebook';

type Json = Record<string, unknown>;

function asObject(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

/** The ipynb serializer keeps a cell's Jupyter metadata under `metadata` (older builds: `custom.metadata`). */
function jupyterCellMetadata(cell: vscode.NotebookCell): Json {
  const metadata = asObject(cell.metadata);
  return asObject(metadata.metadata ?? asObject(metadata.custom).metadata);
}

function jupyterNotebookMetadata(document: vscode.NotebookDocument): Json {
  const metadata = asObject(document.metadata);
  return asObject(metadata.metadata ?? asObject(metadata.custom).metadata);
}

function cellId(cell: vscode.NotebookCell): string | undefined {
  const metadata = asObject(cell.metadata);
  const id = metadata.id ?? asObject(metadata.custom).id;
  return typeof id === 'string' ? id : undefined;
}

const PYTHON_LANGUAGES = new Set(['python', 'ipython']);

function cellKind(cell: vscode.NotebookCell): CellKind {
  if (cell.kind === vscode.NotebookCellKind.Markup) return 'markdown';
  // A code cell in another language (SQL, R through a magic-less kernel ...) is not Python to analyse.
  return PYTHON_LANGUAGES.has(cell.document.languageId) ? 'code' : 'raw';
}

const ERROR_MIME = 'application/vnd.code.notebook.error';
const STREAM_MIMES = new Set(['application/vnd.code.notebook.stdout', 'application/vnd.code.notebook.stderr']);
const TEXT_KEEP = 20_000;

function summariseOutput(output: vscode.NotebookCellOutput): OutputSummary {
  const mimeTypes = output.items.map((item) => item.mime);
  const size = output.items.reduce((total, item) => total + (item.data?.byteLength ?? 0), 0);
  const textItem = output.items.find((item) => item.mime === 'text/plain' || STREAM_MIMES.has(item.mime));
  // An item's data is a Uint8Array; anything else (never seen since edits.ts copies outputs) has no text to read.
  const text =
    textItem && textItem.data instanceof Uint8Array
      ? new TextDecoder().decode(textItem.data.subarray(0, TEXT_KEEP))
      : undefined;
  const declared = asObject(output.metadata).outputType;
  const outputType: OutputSummary['outputType'] = mimeTypes.includes(ERROR_MIME)
    ? 'error'
    : mimeTypes.some((mime) => STREAM_MIMES.has(mime))
      ? 'stream'
      : declared === 'execute_result' || declared === 'display_data'
        ? declared
        : 'display_data';
  return { outputType, mimeTypes, size, ...(text !== undefined ? { text } : {}) };
}

/** The count a cell had when it last ran, and its text then. */
interface LastRun {
  count: number;
  text: string;
}

// NotebookCell objects are stable for the life of a cell, so a WeakMap forgets cells that are gone.
const lastRuns = new WeakMap<vscode.NotebookCell, LastRun>();

/** The count the ipynb serializer keeps in the cell's metadata (what the file says), when VS Code's summary has none. */
function savedCount(cell: vscode.NotebookCell): number | null {
  const count = asObject(cell.metadata).execution_count;
  return typeof count === 'number' ? count : null;
}

/**
 * The count of the cell's last run. VS Code drops a cell's execution order when its text is edited, and the ipynb
 * serializer then saves no count either; the execution-order findings read the count of the run the outputs came
 * from, so a count that vanished while the text changed is kept from before, and the cell is marked changed since it
 * ran. A count that vanished with the text unchanged (Clear Outputs, a restart) is gone.
 */
function lastRunOf(cell: vscode.NotebookCell, text: string): { count: number | null; changedSinceRun: boolean } {
  if (cell.kind !== vscode.NotebookCellKind.Code) return { count: null, changedSinceRun: false };
  const now = runNumber(cell.executionSummary?.executionOrder ?? savedCount(cell));
  const last = lastRuns.get(cell);
  if (now !== null) {
    if (last?.count !== now) lastRuns.set(cell, { count: now, text });
    return { count: now, changedSinceRun: last?.count === now && last.text !== text };
  }
  if (last && last.text !== text) return { count: last.count, changedSinceRun: true };
  lastRuns.delete(cell);
  return { count: null, changedSinceRun: false };
}

function toCell(cell: vscode.NotebookCell): Cell {
  const metadata = jupyterCellMetadata(cell);
  const tags = Array.isArray(metadata.tags)
    ? metadata.tags.filter((tag): tag is string => typeof tag === 'string')
    : [];
  const id = cellId(cell);
  const source = cell.document.getText().replace(/\r\n/g, '\n');
  const { count, changedSinceRun } = lastRunOf(cell, source);
  return {
    index: cell.index,
    ...(id ? { id } : {}),
    kind: cellKind(cell),
    source,
    executionCount: count,
    ...(changedSinceRun ? { changedSinceRun } : {}),
    metadata,
    tags,
    outputs: cell.outputs.map(summariseOutput),
  };
}

/** Kernel language as the loader reads it from a file: language_info, else kernelspec, else python. */
function language(document: vscode.NotebookDocument): string {
  const metadata = jupyterNotebookMetadata(document);
  const fromInfo = asObject(metadata.language_info).name;
  const fromSpec = asObject(metadata.kernelspec).language;
  const name = typeof fromInfo === 'string' ? fromInfo : typeof fromSpec === 'string' ? fromSpec : 'python';
  return name.toLowerCase();
}

export function notebookFromDocument(document: vscode.NotebookDocument, path: string): Notebook {
  const cells = document.getCells().map(toCell);
  const top = asObject(document.metadata);
  return {
    path,
    nbformat: typeof top.nbformat === 'number' ? top.nbformat : 4,
    nbformatMinor: typeof top.nbformat_minor === 'number' ? top.nbformat_minor : 5,
    language: language(document),
    metadata: jupyterNotebookMetadata(document),
    cells,
    size: cells.reduce((total, cell) => total + cell.source.length, 0),
  };
}
