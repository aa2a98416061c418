import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { discoverNotebooks } from '../../src/cli/discover';

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder holding the given files (content '{}' unless given); a path ending in '/' makes a folder. */
function tree(files: Record<string, string | null>): string {
  const root = mkdtempSync(join(tmpdir(), 'nbhygiene-discover-'));
  made.push(root);
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    if (path.endsWith('/')) {
      mkdirSync(full, { recursive: true });
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content ?? '{}');
  }
  return root;
}

function found(root: string, paths: string[] = ['.'], cwd = root): string[] {
  const result = discoverNotebooks(paths, cwd);
  assert.deepEqual(result.errors, []);
  return result.files.map((file) => relative(root, file));
}

describe('discoverNotebooks', () => {
  it('finds notebooks recursively, sorted, and nothing else', () => {
    const root = tree({
      'b.ipynb': null,
      'a/z.ipynb': null,
      'a/b/c.ipynb': null,
      'a/notes.md': 'x',
      'a/script.py': 'x',
    });
    assert.deepEqual(found(root), ['a/b/c.ipynb', 'a/z.ipynb', 'b.ipynb']);
  });

  it('skips checkpoints, node_modules and .git', () => {
    const root = tree({
      'a.ipynb': null,
      '.ipynb_checkpoints/a-checkpoint.ipynb': null,
      'sub/.ipynb_checkpoints/b-checkpoint.ipynb': null,
      'node_modules/pkg/demo.ipynb': null,
      '.git/x.ipynb': null,
    });
    assert.deepEqual(found(root), ['a.ipynb']);
  });

  it('honours .gitignore in the folder and its subfolders', () => {
    const root = tree({
      '.gitignore': 'scratch/\n*.tmp.ipynb\n',
      'keep.ipynb': null,
      'x.tmp.ipynb': null,
      'scratch/a.ipynb': null,
      'deep/scratch/b.ipynb': null,
      'deep/.gitignore': 'draft-*.ipynb\n!draft-final.ipynb\n',
      'deep/draft-1.ipynb': null,
      'deep/draft-final.ipynb': null,
      'deep/ok.ipynb': null,
      'other/draft-1.ipynb': null,
    });
    assert.deepEqual(found(root), ['deep/draft-final.ipynb', 'deep/ok.ipynb', 'keep.ipynb', 'other/draft-1.ipynb']);
  });

  it('anchors patterns to the folder of their .gitignore', () => {
    const root = tree({
      'sub/.gitignore': '/a.ipynb\n',
      'sub/a.ipynb': null,
      'sub/inner/a.ipynb': null,
      'a.ipynb': null,
    });
    assert.deepEqual(found(root), ['a.ipynb', 'sub/inner/a.ipynb']);
  });

  it('honours .gitignore files of parent folders up to the git root', () => {
    const root = tree({
      '.git/': null,
      '.gitignore': 'generated/\n',
      'project/.gitignore': 'old.ipynb\n',
      'project/nb/old.ipynb': null,
      'project/nb/new.ipynb': null,
      'project/nb/generated/out.ipynb': null,
    });
    assert.deepEqual(found(root, ['project/nb']), ['project/nb/new.ipynb']);
  });

  it('ignores .gitignore files above the git root', () => {
    const outer = tree({ '.gitignore': '*.ipynb\n', 'repo/.git/': null, 'repo/a.ipynb': null });
    assert.deepEqual(found(outer, ['repo']), ['repo/a.ipynb']);
  });

  it('walks a folder named explicitly even when a parent .gitignore ignores it', () => {
    const root = tree({ '.git/': null, '.gitignore': 'scratch/\n', 'scratch/a.ipynb': null });
    assert.deepEqual(found(root, ['scratch']), ['scratch/a.ipynb']);
    assert.deepEqual(found(root, ['.']), []);
  });

  it('always checks a file named explicitly, whatever its name or ignore rules', () => {
    const root = tree({
      '.gitignore': 'scratch/\n',
      'scratch/a.ipynb': null,
      'node_modules/b.ipynb': null,
      'notebook.json': null,
    });
    assert.deepEqual(found(root, ['scratch/a.ipynb', 'node_modules/b.ipynb', 'notebook.json']), [
      'node_modules/b.ipynb',
      'notebook.json',
      'scratch/a.ipynb',
    ]);
  });

  it('lists a notebook once when it is reached twice', () => {
    const root = tree({ 'nb/a.ipynb': null });
    assert.deepEqual(found(root, ['nb', 'nb/a.ipynb', '.']), ['nb/a.ipynb']);
  });

  it('resolves paths against the given cwd and returns absolute paths', () => {
    const root = tree({ 'nb/a.ipynb': null });
    const result = discoverNotebooks(['a.ipynb'], join(root, 'nb'));
    assert.deepEqual(result.files, [join(root, 'nb', 'a.ipynb')]);
  });

  it('reports a path that does not exist and still finds the others', () => {
    const root = tree({ 'a.ipynb': null });
    const result = discoverNotebooks(['missing', 'a.ipynb', 'gone.ipynb'], root);
    assert.deepEqual(result.files, [join(root, 'a.ipynb')]);
    assert.equal(result.errors.length, 2);
    assert.match(result.errors[0], /^missing: /);
    assert.match(result.errors[1], /^gone\.ipynb: /);
  });

  it('follows symlinked notebooks but not symlinked folders (no cycles)', () => {
    const root = tree({ 'real/a.ipynb': null });
    symlinkSync(join(root, 'real', 'a.ipynb'), join(root, 'link.ipynb'));
    symlinkSync(root, join(root, 'real', 'loop'));
    assert.deepEqual(found(root), ['link.ipynb', 'real/a.ipynb']);
  });
});
