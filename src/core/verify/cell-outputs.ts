// What one code cell showed, in one shape for both sides of a comparison: the outputs saved in the .ipynb and the
// outputs of a fresh run by the scratch kernel (src/run). Plain data: the CLI, the editor and the tests share it.
import type { OutputSummary } from '../notebook/notebook';

export type RunStatus = 'ok' | 'error' | 'timeout' | 'skipped';

/** A value the cell displayed: its execute_result (the last expression) or a display() / figure. */
export interface DisplayedValue {
  kind: 'execute_result' | 'display_data';
  mimeTypes: string[];
  text?: string;
  html?: string;
  /** An image/png, image/jpeg, image/svg+xml or image/gif is there (pixels are not compared). */
  image: boolean;
}

export interface CellError {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** One code cell's fresh run, as the scratch kernel reports it. */
export interface CellRun {
  /** The cell's index among all cells of the notebook (markdown counted), as VS Code and findings count. */
  index: number;
  status: RunStatus;
  stdout: string;
  stderr: string;
  outputs: DisplayedValue[];
  /** For status error (the exception) and timeout (a TimeoutError saying how long). */
  error?: CellError;
  /** Why a cell was skipped (an earlier cell failed, the notebook's time ran out, the process died). */
  reason?: string;
  seconds?: number;
}

/** What a comparison looks at: stdout, the displayed values in order, the exception. stderr is left out (warnings). */
export interface CellOutputs {
  stdout: string;
  values: DisplayedValue[];
  error?: { ename: string; evalue: string };
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/svg+xml', 'image/gif']);

/** The outputs saved in the notebook for one cell (as the loader summarised them). */
export function savedOutputs(outputs: readonly OutputSummary[]): CellOutputs {
  const result: CellOutputs = { stdout: '', values: [] };
  for (const output of outputs) {
    if (output.outputType === 'stream') {
      if (output.stream !== 'stderr') result.stdout += output.text ?? '';
    } else if (output.outputType === 'execute_result' || output.outputType === 'display_data') {
      const value: DisplayedValue = {
        kind: output.outputType,
        mimeTypes: [...output.mimeTypes].sort(),
        image: output.mimeTypes.some((mime) => IMAGE_TYPES.has(mime)),
      };
      if (output.text !== undefined) value.text = output.text;
      if (output.html !== undefined) value.html = output.html;
      result.values.push(value);
    } else if (output.outputType === 'error') {
      result.error = { ename: output.ename ?? '', evalue: output.evalue ?? '' };
    }
  }
  return result;
}

/** The outputs of a fresh run of one cell. */
export function runOutputs(run: CellRun): CellOutputs {
  const result: CellOutputs = { stdout: run.stdout, values: run.outputs };
  if (run.error) result.error = { ename: run.error.ename, evalue: run.error.evalue };
  return result;
}

/** True when the notebook saved nothing for the cell: no output, no execution count (it never ran, or was cleared). */
export function savedNothing(outputs: readonly OutputSummary[], executionCount: number | null): boolean {
  return outputs.length === 0 && executionCount === null;
}
