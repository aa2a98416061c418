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
  /** Every test in the file is a `@pytest.mark.skip` stub (it has tests, none of them runs). */
  stubsOnly: boolean;
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

/** A top-level `def`/`class` of a test file: where it is, and whether an unconditional skip marks it. */
interface TopLevelBlock {
  start: number;
  end: number;
  test: boolean;
  skipped: boolean;
}

/** `@pytest.mark.skip(...)`, `@mark.skip`, `@unittest.skip(...)`: not skipif, which is a condition. */
const SKIP_DECORATOR = /^@[\w.]*\bskip\b(?!if)/;

function topLevelBlocks(code: string): TopLevelBlock[] {
  const blocks: TopLevelBlock[] = [];
  const lines = code.split('\n');
  let offset = 0;
  let decorators: string[] = [];
  let decoratorStart = -1;
  let open: TopLevelBlock | null = null;
  for (const line of lines) {
    const topLevel = line !== '' && !/^[ \t#]/.test(line);
    if (topLevel && open) {
      open.end = offset;
      open = null;
    }
    if (line.startsWith('@')) {
      if (decorators.length === 0) decoratorStart = offset;
      decorators.push(line);
    } else if (topLevel) {
      const definition = /^(?:async\s+)?(def|class)\s+(\w+)/.exec(line);
      if (definition) {
        open = {
          start: decorators.length > 0 ? decoratorStart : offset,
          end: code.length,
          test: /^(?:test|Test)/.test(definition[2]!),
          skipped: decorators.some((decorator) => SKIP_DECORATOR.test(decorator)),
        };
        blocks.push(open);
      }
      decorators = [];
    }
    offset += line.length + 1;
  }
  return blocks;
}

/** The imports and testbook references of one test file's text. */
export function readTestFile(path: string, text: string): TestFile {
  const imports: TestFile['imports'] = [];
  const code = text.replace(/\\\n/g, ' ');
  const blocks = topLevelBlocks(code);
  const inSkipped = (at: number) => blocks.some((block) => block.skipped && block.start <= at && at < block.end);
  /** A name whose every use is inside skipped stubs: the stubs do not test it. */
  const usedOnlyInStubs = (pattern: RegExp) => {
    const uses = [...code.matchAll(pattern)].filter((use) => !/^[ \t]*(?:from|import)\b/.test(lineAt(code, use.index)));
    return uses.length > 0 && uses.every((use) => inSkipped(use.index));
  };
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
  const tests = blocks.filter((block) => block.test);
  const stubsOnly = tests.length > 0 && tests.every((block) => block.skipped);
  const kept = imports.filter((entry) => !usedOnlyInStubs(new RegExp(`\\b${entry.name}\\b`, 'g')));
  const testbook: TestFile['testbook'] = [];
  const refs = [...code.matchAll(/\.ref\(\s*['"](\w+)['"]\s*\)/g)].map((m) => m[1]!);
  for (const match of code.matchAll(/testbook\(\s*(?:[rRfFbBuU]?)['"]([^'"]+)['"]/g))
    testbook.push({ notebook: match[1]!, refs });
  return { path, imports: kept, testbook, stubsOnly };
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

function lineAt(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end === -1 ? text.length : end);
}
