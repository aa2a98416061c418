// What the editor prints around a finding: Problems entries name the cell, related locations the cell and column,
// the status item has its own label; and every title the extension shows starts with the same prefix.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { rangeOf } from '../../src/core/types';
import { problemMessage, relatedMessage, statusText } from '../../src/vscode/labels';

it('puts the cell number on a Problems entry, and none on a finding about the whole notebook', () => {
  assert.equal(problemMessage({ cellIndex: 3, message: "name 'x' is used" }), "cell 4: name 'x' is used");
  assert.equal(problemMessage({ cellIndex: null, message: 'no kernel' }), 'no kernel');
});

it('names the cell and column of a related location, and the file and line of a manifest line', () => {
  const inCell = { message: "'x' is defined here", cellIndex: 4, range: rangeOf(1, 2, 1, 3) };
  assert.equal(
    relatedMessage(inCell, (p) => p),
    "'x' is defined here (cell 5, line 2, column 3)",
  );
  const inFile = { message: 'declared here', cellIndex: null, file: '/p/requirements.txt', range: rangeOf(2, 0, 2, 5) };
  assert.equal(
    relatedMessage(inFile, () => 'requirements.txt'),
    'declared here (requirements.txt:3)',
  );
});

it("shows its own label and counts in the status bar, not the look of VS Code's problem counts", () => {
  assert.equal(statusText({ error: 0, warning: 2, info: 2 }), '$(checklist) nbhygiene 4 ⚠ 2');
  assert.equal(statusText({ error: 1, warning: 0, info: 0 }), '$(checklist) nbhygiene 1 ✖ 1');
  assert.equal(statusText({ error: 0, warning: 0, info: 0 }), '$(checklist) nbhygiene $(check)');
  assert.doesNotMatch(statusText({ error: 1, warning: 1, info: 1 }), /\$\((error|warning|info)\)/);
});

it('uses one title prefix, "nbhygiene", in package.json and in every message of the extension', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
    contributes: { commands: { category: string }[]; configuration: { title: string } };
  };
  assert.deepEqual([...new Set(manifest.contributes.commands.map((command) => command.category))], ['nbhygiene']);
  assert.equal(manifest.contributes.configuration.title, 'nbhygiene');
  for (const file of readdirSync('src/vscode')) {
    const text = readFileSync(join('src/vscode', file), 'utf8');
    assert.doesNotMatch(text, /Notebook Hygiene|Nbhygiene:/, file);
  }
});
