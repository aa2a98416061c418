// What every rule gets, and the one way rules make findings.
import type { NotebookModel } from '../analysis/notebook-model';
import type { NbhygieneConfig } from '../config/config';
import type { ProjectContext } from '../deps/project';
import type { Notebook } from '../notebook/notebook';
import type { Finding, Fix, Range, RelatedLocation } from '../types';
import { ruleInfo } from './registry';

export interface RuleContext {
  notebook: Notebook;
  model: NotebookModel;
  /** The notebook's project (manifests, locks, installed environment); null or absent: no NH203-NH206. */
  project?: ProjectContext | null;
  /** Thresholds and folders the rules read (the select/ignore/severity parts are applied after the rules). */
  config?: NbhygieneConfig;
}

export type Rule = (ctx: RuleContext) => Finding[];

export interface FindingInput {
  code: string;
  cellIndex: number | null;
  range: Range;
  message: string;
  related?: RelatedLocation[];
  unnecessary?: boolean;
}

export function makeFinding(notebook: Notebook, input: FindingInput): Finding {
  const info = ruleInfo(input.code);
  if (!info) throw new Error(`unknown rule code ${input.code}`);
  const cellId = input.cellIndex === null ? undefined : notebook.cells[input.cellIndex]?.id;
  return {
    code: input.code,
    severity: info.defaultSeverity,
    message: input.message,
    notebook: notebook.path,
    cellIndex: input.cellIndex,
    ...(cellId ? { cellId } : {}),
    range: input.range,
    related: input.related ?? [],
    fixes: [],
    ...(input.unnecessary ? { unnecessary: true } : {}),
  };
}

/** The finding with the fixes that could be planned (a fix whose plan needs something missing is null). */
export function withFixes(finding: Finding, fixes: readonly (Fix | null)[]): Finding {
  return { ...finding, fixes: fixes.filter((fix): fix is Fix => fix !== null) };
}

/** "cell 3" as users count cells: 1-based among all cells, markdown included. */
export function cellLabel(cellIndex: number): string {
  return `cell ${cellIndex + 1}`;
}

export function runLabel(count: number | null): string {
  return count === null ? 'never run' : `[${count}]`;
}
