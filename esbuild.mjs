// Builds the CLI's four bundles (dist/cli.js, the command's entry; cli-main.js; check-worker.js and check-service.js for
// its worker threads) and the extension's dist/extension.js, copies the .wasm files and the codicons beside them,
// then warms the CLI's code caches. With --bench, also bundles the benchmark into out/bench/.
//
// CommonJS for all: VS Code loads extensions with require(), and this package has no "type": "module" so
// dist/cli.js must be CommonJS to run under `bin`. web-tree-sitter is taken from its CommonJS build, the one
// tests load under tsx too: its ESM build finds itself through import.meta.url and loads node:module with a
// dynamic import(), and the CLI's bundles (the command's and its worker threads') run as vm scripts for their code
// caches (src/cli/speed/code-cache.ts), which cannot make one. (The wasm paths are passed explicitly, see
// src/cli/wasm-paths.ts.)
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  alias: { 'web-tree-sitter': createRequire(import.meta.url).resolve('web-tree-sitter') },
  // The native tree-sitter binding and grammar find their .node files from where they are installed
  // (node-gyp-build looks beside their own package.json), so the CLI requires them from node_modules at run time;
  // the extension never loads them (src/cli/native-parser.ts is the CLI's).
  external: ['tree-sitter', 'tree-sitter-python'],
};

const WASM = [
  ['node_modules/web-tree-sitter/tree-sitter.wasm', 'dist/tree-sitter.wasm'],
  ['node_modules/tree-sitter-python/tree-sitter-python.wasm', 'dist/tree-sitter-python.wasm'],
];

// The report webview's icons (codicons), served from dist/ since node_modules is not packaged.
const CODICONS = [
  ['node_modules/@vscode/codicons/dist/codicon.css', 'dist/codicons/codicon.css'],
  ['node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/codicons/codicon.ttf'],
];

// The scratch kernel (src/run/run-notebook.ts) runs this Python program; it ships beside the bundles.
const PYTHON = [['src/run/scratch_kernel.py', 'dist/scratch_kernel.py']];

async function main() {
  mkdirSync('dist/codicons', { recursive: true });
  for (const [from, to] of [...WASM, ...CODICONS, ...PYTHON]) copyFileSync(from, to);

  const bundles = [
    // The command's entry (bin) runs cli-main.js from its code cache; the worker threads of `nbhygiene check`
    // (src/cli/speed/parallel.ts) start from check-worker.js, which runs check-service.js the same way.
    build({
      ...common,
      entryPoints: ['src/cli/bin.ts'],
      outfile: 'dist/cli.js',
      banner: { js: '#!/usr/bin/env node' },
    }).then(() => chmodSync('dist/cli.js', 0o755)),
    build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-main.js' }),
    build({ ...common, entryPoints: ['src/cli/speed/check-worker.ts'], outfile: 'dist/check-worker.js' }),
    build({ ...common, entryPoints: ['src/cli/speed/check-service.ts'], outfile: 'dist/check-service.js' }),
    build({
      ...common,
      entryPoints: ['src/vscode/extension.ts'],
      outfile: 'dist/extension.js',
      external: [...common.external, 'vscode'],
    }),
  ];
  // `npm run bench` times the code as it ships (bundled), not as tsx serves it module by module.
  if (process.argv.includes('--bench')) {
    bundles.push(build({ ...common, entryPoints: ['test/bench/bench.ts'], outfile: 'out/bench/bench.js' }));
  }
  await Promise.all(bundles);
  warmCodeCaches();
}

/**
 * Two checks of the bundled examples, so that the code caches beside the bundles exist (src/cli/speed/code-cache.ts) and
 * the first real run already starts from compiled code: one on the main thread alone (cli-main.js's cache, engine
 * included), one with a worker thread (check-service.js's cache). The caches are only an optimisation, so a
 * failing run is reported and the build goes on: the CLI works without them.
 */
function warmCodeCaches() {
  for (const jobs of ['1', '2']) {
    const run = spawnSync(
      process.execPath,
      ['dist/cli.js', 'check', 'examples', '--jobs', jobs, '--exit-zero', '--no-cache'],
      {
        encoding: 'utf8',
      },
    );
    if (run.status !== 0)
      console.warn(`esbuild.mjs: warming the code caches failed (exit ${run.status}):\n${run.stderr}`);
  }
}

main().catch((error) => {
  // esbuild has already printed the errors with their locations.
  if (!error?.errors) console.error(error);
  process.exit(1);
});
