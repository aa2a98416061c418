// Verify Notebook runs the notebook's code: VS Code itself must keep it from running in an untrusted workspace (the
// command's own check is the second line of defence), and the packaged extension must carry the kernel it runs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));

describe('Verify Notebook in package.json', () => {
  it('is disabled and hidden from the Command Palette in an untrusted workspace', () => {
    const command = manifest.contributes.commands.find(
      (c: { command: string }) => c.command === 'nbhygiene.verifyNotebook',
    );
    assert.equal(command.title, 'Verify Notebook (Restart & Run All in a scratch kernel)');
    assert.equal(command.enablement, 'isWorkspaceTrusted');
    const palette = manifest.contributes.menus.commandPalette.find(
      (c: { command: string }) => c.command === 'nbhygiene.verifyNotebook',
    );
    assert.match(palette.when, /\bisWorkspaceTrusted\b/);
    assert.match(manifest.capabilities.untrustedWorkspaces.description, /never runs them/);
  });

  it('ships the scratch kernel in the .vsix (allow-listed in .vscodeignore, copied by esbuild.mjs)', () => {
    assert.ok(readFileSync('.vscodeignore', 'utf8').split('\n').includes('!dist/scratch_kernel.py'));
    assert.match(readFileSync('esbuild.mjs', 'utf8'), /\['src\/run\/scratch_kernel\.py', 'dist\/scratch_kernel\.py'\]/);
  });
});
