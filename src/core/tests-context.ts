// The project's tests, found and read through the Host: `test_*.py` / `*_test.py` files in the tests folder
// (default `tests/`) and beside the notebook, with what names each imports from which module and which notebook
// names it reaches through testbook (`@testbook("nb.ipynb")` + `tb.ref("name")`). Read with patterns, not parsed:
// good enough to tell "tested" from "untested".
import type { Host } from './host';
import { basenamePath, joinPath } from './paths';

export interface TestFile {
  path: string;
  /** `from module import name` (and `import module` + `module.name`). */
  imports: { module: string; name: string }[];
  /** Notebooks opened with testbook, and the names fetched with `.ref(...)` in the file. */
  testbook: { notebook: string; refs: string[] }[];
}

export interface TestsContext {
  /** The tests folder when it exists. */
  folder: string | null;
  files: TestFile[];
}

const TEST_FILE = /^(test_.*|.*_test)\.py$/;
const MAX_DEPTH = 4;
const MAX_FILES = 500;

export function isTestFileName(name: string): boolean {
  return TEST_FILE.test(name);
}

/** The imports and testbook references of one test file's text. */
export function readTestFile(path: string, text: string): TestFile {
  const imports: TestFile['imports'] = [];
  const code = text.replace(/\\\n/g, ' ');
  for (const match of code.matchAll(/^[ \t]*from[ \t]+([.\w]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)/gm)) {
    const names = match[2]!
      .replace(/[()]/g, ' ')
      .split(',')
      .map((part) =>
        part
          .trim()
          .split(/\s+as\s+/)[0]!
          .trim(),
      );
    for (const name of names) if (/^\w+$/.test(name)) imports.push({ module: match[1]!, name });
  }
  for (const match of code.matchAll(/^[ \t]*import[ \t]+([^\n#]+)/gm)) {
    for (const part of match[1]!.split(',')) {
      const [module, alias] = part
        .trim()
        .split(/\s+as\s+/)
        .map((s) => s.trim());
      if (!module || !/^[\w.]+$/.test(module)) continue;
      const local = alias ?? module;
      const escaped = local.replace(/\./g, '\\.');
      for (const use of code.matchAll(new RegExp(`\\b${escaped}\\.(\\w+)`, 'g')))
        imports.push({ module, name: use[1]! });
    }
  }
  const testbook: TestFile['testbook'] = [];
  const refs = [...code.matchAll(/\.ref\(\s*['"](\w+)['"]\s*\)/g)].map((m) => m[1]!);
  for (const match of code.matchAll(/testbook\(\s*(?:[rRfFbBuU]?)['"]([^'"]+)['"]/g))
    testbook.push({ notebook: match[1]!, refs });
  return { path, imports, testbook };
}

async function collect(host: Host, folder: string, depth: number, out: string[]): Promise<void> {
  if (depth > MAX_DEPTH || out.length >= MAX_FILES) return;
  const entries = (await host.listDir(folder)) ?? [];
  for (const entry of [...entries].sort()) {
    if (entry.startsWith('.') || entry === '__pycache__' || entry === 'node_modules') continue;
    const path = joinPath(folder, entry);
    if (isTestFileName(entry)) out.push(path);
    else if (!entry.includes('.') && depth < MAX_DEPTH) await collect(host, path, depth + 1, out);
    if (out.length >= MAX_FILES) return;
  }
}

/** The tests folder (`<root>/<tests>`) searched recursively, plus test files directly in the notebook's folder and the root. */
export async function loadTestsContext(
  host: Host,
  root: string,
  notebookDir: string,
  testsFolder = 'tests',
): Promise<TestsContext> {
  const folder = joinPath(root, testsFolder);
  const exists = (await host.listDir(folder)) !== null;
  const paths: string[] = [];
  if (exists) await collect(host, folder, 0, paths);
  for (const dir of new Set([notebookDir, root])) {
    for (const entry of (await host.listDir(dir)) ?? []) if (isTestFileName(entry)) paths.push(joinPath(dir, entry));
  }
  const files: TestFile[] = [];
  for (const path of [...new Set(paths)]) {
    const text = await host.readFile(path);
    if (text !== null) files.push(readTestFile(path, text));
  }
  return { folder: exists ? folder : null, files };
}

/** True when some test imports `name` (from any module) or fetches it from this notebook with testbook. */
export function isReferencedByTests(tests: TestsContext, name: string, notebookPath: string): boolean {
  const notebook = basenamePath(notebookPath);
  return tests.files.some(
    (file) =>
      file.imports.some((entry) => entry.name === name) ||
      file.testbook.some((tb) => basenamePath(tb.notebook) === notebook && tb.refs.includes(name)),
  );
}
