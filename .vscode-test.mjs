// `npx vscode-test` on a machine that can download VS Code: the extension-host tests in test/vscode, run against
// the fixture workspace of the real-editor suite. Build first: `npm run build:vscode-tests`.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/vscode-test/**/*.test.js',
  workspaceFolder: 'test/e2e/fixtures/project',
  mocha: { ui: 'bdd', timeout: 60_000 },
});
