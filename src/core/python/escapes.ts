// IPython escapes found in a cell, kept as records after they are masked out of the Python text.
import type { Range } from '../types';

export type EscapeKind =
  | 'line-magic' // %name args (also x = %name args)
  | 'cell-magic' // %%name args on the first line
  | 'shell' // !cmd, !!cmd (also x = !cmd)
  | 'help' // obj?, ??obj, obj??
  | 'automagic' // a magic written without % (pip install x, cd dir)
  | 'autocall' // ,f a b  ;f a b  /f a b: IPython calls f with the rest as (quoted) arguments
  | 'prompt'; // >>> / ... or In [1]: / ...: console prompts on every line of a pasted cell (one record per cell)

export interface Escape {
  kind: EscapeKind;
  /** Magic name without % ('pip', 'run', 'time', 'bash', 'writefile'); the command word for shell escapes ('pip', 'ls'); the object for help; the first prompt ('>>>', 'In [1]:'). */
  name: string;
  /** Everything after the name, continuation lines joined with spaces, trimmed. */
  args: string;
  /** The escape's text in the cell (cell-relative, 0-based), from the % / ! / name to its end. */
  range: Range;
  /**
   * `%time x = f()`: the column where the Python statement of a line magic starts. Only the `%time ` before it is
   * masked, so the statement's reads and binds count.
   */
  pythonFrom?: number;
  /** `x = !ls` or `x = %who_ls` binds x. */
  assignTarget?: string;
  /**
   * IPython would not run this escape as written, so the cell fails in Jupyter: a %%cell magic below the first
   * line, or an automagic in a cell of several lines (IPython 7+ applies automagic only to one-line cells).
   */
  misplaced?: boolean;
}

export interface ScannedCell {
  /** The cell source with every escape replaced by Python filler of the same length (offsets and line breaks kept). */
  python: string;
  escapes: Escape[];
  /** False when a cell magic makes the body something other than Python (%%bash, %%html, %%writefile ...). */
  bodyIsPython: boolean;
  /**
   * `x = # TODO`: assignments with nothing after the `=` (exercise blanks), from the target to the `=`. Python rejects
   * them; the masked text holds `x = ...` instead, so the blank still binds x and does not swallow the next line.
   * `commented`: a comment follows the `=`, so the blank was left on purpose (a template for students to fill in).
   */
  blanks: { range: Range; commented: boolean }[];
}
