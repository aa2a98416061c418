// Keeps src/core runnable in a browser and in tests: no `vscode`, no Node built-in, in any import form.
// Usage: node scripts/lint-core-imports.mjs [folder]   (default src/core); exit 1 with file:line per violation.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

// Every way a module gets pulled in: `import x from`, `export … from`, `import 'x'`, `import('x')`, `require('x')`
// (which also covers `import x = require('x')`).
const IMPORT_FORMS = [
  /\bfrom\s*(['"])([^'"\n]+)\1/g,
  /\bimport\s*(['"])([^'"\n]+)\1/g,
  /\bimport\s*\(\s*(['"`])([^'"`\n]+)\1/g,
  /\brequire\s*\(\s*(['"`])([^'"`\n]+)\1/g,
];

const BUILTINS = new Set(builtinModules);

/** Why a module may not be imported from core, or null when it may. */
function forbiddenReason(specifier) {
  if (specifier === 'vscode' || specifier.startsWith('vscode/'))
    return "imports 'vscode' (core must not depend on the editor)";
  if (specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0])) {
    return `imports the Node built-in '${specifier}' (core must also run in a browser; put it in src/cli or behind Host)`;
  }
  return null;
}

/**
 * Replaces comments with spaces (keeping newlines and offsets) so a commented-out import is not reported.
 * Strings are skipped over so `'//'` inside one does not start a comment.
 */
function blankComments(text) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (ch === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== ch && !(ch !== '`' && text[j] === '\n')) j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

function lineAt(text, offset) {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function lintText(text) {
  const code = blankComments(text);
  const problems = [];
  for (const form of IMPORT_FORMS) {
    for (const match of code.matchAll(form)) {
      const reason = forbiddenReason(match[2]);
      if (reason !== null) problems.push({ line: lineAt(code, match.index), reason });
    }
  }
  return problems.sort((a, b) => a.line - b.line);
}

function sourceFiles(folder) {
  const files = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

function main() {
  const folder = process.argv[2] ?? 'src/core';
  let files;
  try {
    files = sourceFiles(folder);
  } catch (error) {
    console.error(`lint-core-imports: cannot read ${folder}: ${error.message}`);
    process.exit(2);
  }
  let count = 0;
  for (const file of files) {
    for (const { line, reason } of lintText(readFileSync(file, 'utf8'))) {
      console.error(`${relative(process.cwd(), file) || file}:${line}: ${reason}`);
      count++;
    }
  }
  if (count > 0) {
    console.error(`lint-core-imports: ${count} forbidden import${count === 1 ? '' : 's'} under ${folder}`);
    process.exit(1);
  }
  console.log(`lint-core-imports: OK (${files.length} files under ${folder})`);
}

main();
