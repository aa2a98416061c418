import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'lint-core-imports.mjs');
const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function lint(files: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const root = mkdtempSync(join(tmpdir(), 'nbhygiene-lint-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const result = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8', cwd: root });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

it('passes a core folder that imports only relative modules and packages', () => {
  const result = lint({
    'a.ts': "import { b } from './b';\nimport { parse } from 'smol-toml';\nexport const x = b + parse;\n",
    'b.ts': '// import fs from "fs" is only a comment\n/* require("path") */\nexport const b = "from \'x\'";\n',
  });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /OK/);
});

it('fails listing file:line for vscode and Node built-ins in every import form', () => {
  const result = lint({
    'ok.ts': 'export const ok = 1;\n',
    'sub/bad.ts': [
      "import * as vscode from 'vscode';", // 1
      "import { readFileSync } from 'node:fs';", // 2
      'import {', // 3
      '  join,',
      "} from 'path';", // 5
      "export { spawn } from 'child_process';", // 6
      "const os = require('os');", // 7
      "const later = await import('fs/promises');", // 8
      "import 'node:process';", // 9
      "import type { Uri } from 'vscode';", // 10
    ].join('\n'),
  });
  assert.equal(result.status, 1);
  const lines = result.stderr.trim().split('\n');
  const locations = lines.filter((line) => /bad\.ts:\d+:/.test(line)).map((line) => line.match(/bad\.ts:(\d+):/)![1]);
  assert.deepEqual(locations, ['1', '2', '5', '6', '7', '8', '9', '10']);
  assert.ok(lines.some((line) => line.includes("'vscode'")));
  assert.ok(!result.stderr.includes('ok.ts'));
});
