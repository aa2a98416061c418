// `--format json`: the versioned schema lives in src/core/report/json.ts (documented in docs/json-schema.md).
import { renderJson, toJsonReport, type JsonReport } from '../core/report/json';
import type { NotebookReport, Unreadable } from './format-text';

export type { JsonReport };
export { toJsonReport };

export function formatJson(reports: readonly NotebookReport[], unreadable: readonly Unreadable[]): string {
  return renderJson(reports, unreadable);
}
