// Builds dist/cli.js (and dist/extension.js once src/vscode/extension.ts exists) and copies the .wasm files beside them.
//
// CommonJS for both: VS Code loads extensions with require(), and this package has no "type": "module" so
// dist/cli.js must be CommonJS to run under `bin`. esbuild picks web-tree-sitter's ESM build (we `import` it),
// which reads import.meta.url to find itself and to createRequire(); in a CommonJS bundle import.meta is
// empty, so it is defined as the bundle's own file URL. (We pass the wasm paths explicitly anyway, see
// src/cli/wasm-paths.ts.)
import { build } from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  define: { 'import.meta.url': '__bundle_url' },
  // Our own "use strict" first: a banner goes above esbuild's, which would then no longer be a directive.
  banner: { js: `"use strict";\nconst __bundle_url = require('node:url').pathToFileURL(__filename).href;` },
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

async function main() {
  mkdirSync('dist/codicons', { recursive: true });
  for (const [from, to] of [...WASM, ...CODICONS]) copyFileSync(from, to);

  const bundles = [
    build({
      ...common,
      entryPoints: ['src/cli/main.ts'],
      outfile: 'dist/cli.js',
      banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
    }).then(() => chmodSync('dist/cli.js', 0o755)),
    // The worker threads of `nbhygiene check` (src/cli/parallel.ts) load this file beside cli.js.
    build({ ...common, entryPoints: ['src/cli/check-worker.ts'], outfile: 'dist/check-worker.js' }),
  ];
  if (existsSync('src/vscode/extension.ts')) {
    bundles.push(
      build({
        ...common,
        entryPoints: ['src/vscode/extension.ts'],
        outfile: 'dist/extension.js',
        external: ['vscode'],
      }),
    );
  }
  // `npm run bench` times the code as it ships (bundled), not as tsx serves it module by module.
  if (process.argv.includes('--bench')) {
    bundles.push(build({ ...common, entryPoints: ['test/bench/bench.ts'], outfile: 'out/bench/bench.js' }));
  }
  await Promise.all(bundles);
}

main().catch((error) => {
  // esbuild has already printed the errors with their locations.
  if (!error?.errors) console.error(error);
  process.exit(1);
});
