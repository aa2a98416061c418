// Where the running CLI code is, to find the files shipped beside it (the .wasm files, media/). The bundles are
// CommonJS (see esbuild.mjs) and tsx runs this package's .ts files as CommonJS too, so __dirname is this file's
// folder in both cases: dist/, or src/cli/ when running from source.

export function codeFolder(): string {
  return typeof __dirname === 'string' ? __dirname : process.cwd();
}
