// Extract cells to a module: the entry point the CLI and the editor call. Defaults (module path, function name,
// tests folder), then one EditPlan: the module created or appended to, the test file created or appended to, the
// cells rewritten to import and call the code. Refuses with a reason rather than produce a broken result.
import { analyseCell } from '../analysis/cell-analysis';
import type { NotebookModel } from '../analysis/notebook-model';
import type { Host } from '../host';
import { basenamePath, dirnamePath, joinPath, normalizePath, relativePath } from '../paths';
import type { PythonParser } from '../python/parser';
import type { EditPlan } from '../types';
import { functionCode, moduleText, verbatimCode } from './extract-module';
import { analyseNames, ExtractRefusal, type NameFlow, type RefusalReason } from './extract-names';
import { notebookEdits } from './extract-notebook';
import { testFileText, type TestTarget } from './extract-tests';
import { isIdentifier, snakeCase } from './python-format';

export { ExtractRefusal, type RefusalReason } from './extract-names';

export interface ExtractOptions {
  /** 0-based indices among all cells. */
  cellIndices: number[];
  /** The notebook's absolute path when `model.notebook.path` is relative (the editor). */
  notebookPath?: string;
  /** Where the project's root is (tests default to `<root>/tests`); the notebook's folder when not given. */
  projectRoot?: string;
  modulePath?: string;
  functionName?: string;
  testsDir?: string;
  /** The project's own top-level modules (import sorting: first party). */
  localModules?: readonly string[];
}

export interface ExtractSummary {
  mode: 'verbatim' | 'function';
  functionName: string;
  modulePath: string;
  moduleImport: string;
  testPath: string | null;
  params: string[];
  returns: string[];
  /** 0-based indices of the cells whose text changes. */
  cellsReplaced: number[];
  filesCreated: string[];
  filesChanged: string[];
}

export type ExtractResult =
  | { ok: true; plan: EditPlan; summary: ExtractSummary }
  | { ok: false; reason: RefusalReason; message: string; suggestion?: string };

/** `Analysis (2).ipynb` → `analysis_2_lib.py`. */
export function defaultModuleFile(notebookPath: string): string {
  const stem = basenamePath(notebookPath).replace(/\.ipynb$/i, '');
  return `${snakeCase(stem) ?? 'notebook'}_lib.py`;
}

/** The nearest markdown heading above the first cell, snake_case; else `cell_<n>`. Never a name the notebook already uses. */
export function defaultFunctionName(model: NotebookModel, cellIndices: readonly number[]): string {
  const first = Math.min(...cellIndices);
  let name: string | null = null;
  for (let index = first - 1; index >= 0 && name === null; index--) {
    const cell = model.notebook.cells[index]!;
    if (cell.kind !== 'markdown') continue;
    const headings = [...cell.source.matchAll(/^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) =>
      snakeCase(m[1]!.replace(/<[^>]*>|\[([^\]]*)\]\([^)]*\)/g, '$1')),
    );
    name = headings.filter((heading): heading is string => heading !== null && isIdentifier(heading)).pop() ?? null;
  }
  const base = name ?? `cell_${first + 1}`;
  const used = new Set(model.writers.keys());
  let candidate = base;
  for (let k = 2; used.has(candidate); k++) candidate = `${base}_${k}`;
  return candidate;
}

/** `<root>/src/<package>/` when the project has exactly that layout (the first package when there are several). */
async function srcPackage(host: Host, root: string): Promise<string | null> {
  const src = joinPath(root, 'src');
  for (const entry of ((await host.listDir(src)) ?? []).sort()) {
    if (!isIdentifier(entry)) continue;
    const inner = await host.listDir(joinPath(src, entry));
    if (inner?.includes('__init__.py')) return joinPath(src, entry);
  }
  return null;
}

export interface ExtractDefaults {
  modulePath: string;
  functionName: string;
  testsDir: string;
}

export async function extractDefaults(
  host: Host,
  model: NotebookModel,
  cellIndices: readonly number[],
  options: {
    notebookPath?: string;
    projectRoot?: string;
    module?: string;
    moduleFolder?: string | null;
    tests?: string;
  } = {},
): Promise<ExtractDefaults> {
  const notebookPath = normalizePath(options.notebookPath ?? model.notebook.path);
  const root = normalizePath(options.projectRoot ?? dirnamePath(notebookPath));
  const file = defaultModuleFile(notebookPath);
  const pkg = options.module || options.moduleFolder ? null : await srcPackage(host, root);
  const folder = options.moduleFolder ? joinPath(root, options.moduleFolder) : (pkg ?? dirnamePath(notebookPath));
  const modulePath = options.module ? joinPath(root, options.module) : joinPath(folder, file);
  return {
    modulePath,
    functionName: defaultFunctionName(model, cellIndices.length > 0 ? cellIndices : [0]),
    testsDir: joinPath(root, options.tests ?? 'tests'),
  };
}

/** The dotted name the notebook imports the module by, and the folder that must be on sys.path for it. */
function moduleImportOf(
  modulePath: string,
  notebookDir: string,
  root: string,
): { moduleImport: string; importRoot: string } {
  const dir = dirnamePath(modulePath);
  const stem = basenamePath(modulePath).replace(/\.py$/, '');
  const under = (folder: string) => dir === folder || dir.startsWith(`${folder}/`);
  const src = joinPath(root, 'src');
  const importRoot = under(notebookDir) ? notebookDir : under(src) ? src : dir;
  const parts = [
    ...relativePath(importRoot, dir)
      .split('/')
      .filter((part) => part !== '.' && part !== ''),
    stem,
  ];
  const bad = parts.find((part) => !isIdentifier(part));
  if (bad !== undefined)
    throw new ExtractRefusal(
      'invalid-name',
      `'${bad}' in the module path is not a Python identifier, so the notebook could not import it`,
    );
  return { moduleImport: parts.join('.'), importRoot };
}

function assertParses(parser: PythonParser, text: string, what: string): void {
  const tree = parser.parse(text);
  try {
    if (tree.rootNode.hasError)
      throw new ExtractRefusal(
        'internal',
        `the generated ${what} would not be valid Python (tree-sitter accepted code that Python may reject: check the cells run)`,
      );
  } finally {
    tree.delete();
  }
}

export async function planExtraction(
  host: Host,
  model: NotebookModel,
  parser: PythonParser,
  options: ExtractOptions,
): Promise<ExtractResult> {
  try {
    return await plan(host, model, parser, options);
  } catch (error) {
    if (error instanceof ExtractRefusal)
      return {
        ok: false,
        reason: error.reason,
        message: error.message,
        ...(error.suggestion ? { suggestion: error.suggestion } : {}),
      };
    throw error;
  }
}

async function plan(
  host: Host,
  model: NotebookModel,
  parser: PythonParser,
  options: ExtractOptions,
): Promise<ExtractResult> {
  const flow: NameFlow = analyseNames(model, options.cellIndices, parser);
  const notebookPath = normalizePath(options.notebookPath ?? model.notebook.path);
  const notebookDir = dirnamePath(notebookPath);
  const root = normalizePath(options.projectRoot ?? notebookDir);
  const defaults = await extractDefaults(host, model, options.cellIndices, { notebookPath, projectRoot: root });
  const modulePath = normalizePath(options.modulePath ?? defaults.modulePath);
  const functionName = options.functionName ?? defaults.functionName;
  if (!isIdentifier(functionName))
    throw new ExtractRefusal('invalid-name', `'${functionName}' is not a valid Python function name`);
  const definedNames = flow.definitions.map((definition) => definition.name);
  if (
    flow.mode === 'function' &&
    (flow.params.includes(functionName) || flow.returns.includes(functionName) || definedNames.includes(functionName))
  ) {
    throw new ExtractRefusal(
      'name-exists',
      `'${functionName}' is also a name the cells use; choose another function name`,
      `${functionName}_fn`,
    );
  }
  const { moduleImport, importRoot } = moduleImportOf(modulePath, notebookDir, root);
  const firstParty = new Set([...(options.localModules ?? []), moduleImport.split('.')[0]!]);
  const notebookName = basenamePath(notebookPath);

  const used = new Set([...model.writers.keys(), ...flow.params, ...flow.returns]);
  let displayName = 'result';
  for (let k = 2; used.has(displayName); k++) displayName = `result_${k}`;
  const cells = flow.cells.map(({ cell }) => cell.index + 1);
  const cellsText = cells.length === 1 ? `cell ${cells[0]}` : `cells ${cells.join(', ')}`;
  const docLines = [`Run ${cellsText} of ${notebookName.replace(/["\\]/g, '')}.`];
  if (flow.mutated.length > 0)
    docLines.push('', `Changes ${flow.mutated.map((name) => `\`${name}\``).join(', ')} in place.`);
  const built =
    flow.mode === 'function'
      ? functionCode(flow, functionName, docLines.join('\n'), displayName)
      : { code: verbatimCode(flow), displayName: null };
  // Function mode: the function and the definitions lifted beside it (the same names the notebook imports back).
  const newNames = [...(flow.mode === 'function' ? [functionName] : []), ...flow.definitions.map((d) => d.name)];

  const existingModule = await host.readFile(modulePath);
  const existingAnalysis =
    existingModule === null ? null : analyseCell(existingModule, parser, { postponedAnnotations: false });
  const module = moduleText(
    existingModule,
    existingAnalysis,
    built.code,
    flow.headerImports,
    newNames,
    notebookName,
    firstParty,
  );
  assertParses(parser, module, 'module');

  const { cellEdits } = notebookEdits(model.notebook, flow, moduleImport, functionName, built.displayName, firstParty);
  const testsDir = normalizePath(options.testsDir ?? defaults.testsDir);
  const targets: TestTarget[] = [
    ...(flow.mode === 'function' ? [{ name: functionName, moduleImport, flow, wrapper: true }] : []),
    ...flow.definitions
      .filter((definition) => definition.kind === 'function')
      .map((definition) => ({ name: definition.name, moduleImport, flow, wrapper: false })),
  ];
  const fileEdits: EditPlan['fileEdits'] = [{ path: modulePath, expectedOldText: existingModule, newText: module }];
  let testPath: string | null = null;
  if (targets.length > 0) {
    testPath = joinPath(testsDir, `test_${moduleImport.split('.').pop()}.py`);
    const existingTests = await host.readFile(testPath);
    const tests = testFileText({
      model,
      parser,
      targets,
      existing: existingTests,
      importRootFromTests: relativePath(testsDir, importRoot),
      notebookName,
    });
    assertParses(parser, tests, 'test file');
    fileEdits.push({ path: testPath, expectedOldText: existingTests, newText: tests });
  }
  return {
    ok: true,
    plan: { cellEdits, fileEdits },
    summary: {
      mode: flow.mode,
      functionName,
      modulePath,
      moduleImport,
      testPath,
      params: flow.params,
      returns: flow.returns,
      cellsReplaced: cellEdits.map((edit) => edit.cellIndex),
      filesCreated: fileEdits.filter((edit) => edit.expectedOldText === null).map((edit) => edit.path),
      filesChanged: fileEdits.filter((edit) => edit.expectedOldText !== null).map((edit) => edit.path),
    },
  };
}
