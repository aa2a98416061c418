// Small notebooks written for one test each: cells as strings (code, never run) or objects.
import { createEngine, type Engine } from '../../src/core/engine';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { createPythonParser, type PythonParser } from '../../src/core/python/parser';

export const WASM = {
  treeSitterWasm: 'node_modules/web-tree-sitter/tree-sitter.wasm',
  pythonWasm: 'node_modules/tree-sitter-python/tree-sitter-python.wasm',
};

export interface CellSpec {
  source: string;
  type?: 'code' | 'markdown' | 'raw';
  count?: number | null;
  tags?: string[];
  outputs?: unknown[];
}

export function notebookJson(cells: (string | CellSpec)[], metadata: Record<string, unknown> = {}): string {
  const nbCells = cells.map((spec, index) => {
    const cell = typeof spec === 'string' ? { source: spec } : spec;
    const type = cell.type ?? 'code';
    const base = {
      cell_type: type,
      id: `cell-${index}`,
      metadata: cell.tags ? { tags: cell.tags } : {},
      source: cell.source,
    };
    return type === 'code' ? { ...base, execution_count: cell.count ?? null, outputs: cell.outputs ?? [] } : base;
  });
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, ...metadata },
    cells: nbCells,
  });
}

let engine: Promise<Engine> | undefined;
let parser: Promise<PythonParser> | undefined;

export function testEngine(): Promise<Engine> {
  engine ??= createEngine(WASM);
  return engine;
}

export function testParser(): Promise<PythonParser> {
  parser ??= createPythonParser(WASM);
  return parser;
}

/**
 * Findings of one code as `cell:line:col` strings (1-based like the CLI prints them), for readable assertions. The
 * rule is selected as `extend-select` would, so rules off by default are tested the way users turn them on.
 */
export async function findingsOf(code: string, cells: (string | CellSpec)[]): Promise<string[]> {
  const result = await check(cells, [code]);
  return result.findings
    .filter((finding) => finding.code === code)
    .map(
      (finding) =>
        `${finding.cellIndex === null ? '-' : finding.cellIndex + 1}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`,
    );
}

/** The notebook checked with the default rules, plus `extendSelect` (rules off by default that a test is about). */
export async function check(cells: (string | CellSpec)[], extendSelect: string[] = []) {
  const config = extendSelect.length === 0 ? DEFAULT_CONFIG : { ...DEFAULT_CONFIG, extendSelect };
  return (await testEngine()).check(notebookJson(cells), 'test.ipynb', config);
}
