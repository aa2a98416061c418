// `nbhygiene scaffold docker NOTEBOOK`: writes a Dockerfile, .dockerignore and .devcontainer/devcontainer.json
// pinned to the notebook's Python version and the project's pinned dependencies; refuses when pins are missing.
import { planningModel } from '../../core/analysis/notebook-model';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadProjectContext } from '../../core/deps/project';
import { loadNotebook } from '../../core/notebook/load';
import { applyFileEdits } from '../../core/refactor/apply-plan';
import { scaffoldDocker } from '../../core/scaffold/docker';
import { NODE_HOST } from '../node-host';
import type { CliIO } from '../run';
import type { Subcommand } from '../subcommands';
import { cliParser } from '../check-file';

const USAGE = 'usage: nbhygiene scaffold docker NOTEBOOK [--dry-run]\n';

export const scaffoldCommand: Subcommand = {
  synopsis:
    "scaffold docker NOTEBOOK [--dry-run]   Dockerfile + devcontainer pinned to the notebook's Python and dependencies",
  async run(argv: readonly string[], io: CliIO): Promise<number> {
    const args = argv.filter((a) => !a.startsWith('--'));
    const dryRun = argv.includes('--dry-run');
    if (args[0] !== 'docker' || args.length !== 2 || argv.some((a) => a.startsWith('--') && a !== '--dry-run')) {
      io.writeStderr(USAGE);
      return 2;
    }
    const path = resolve(io.cwd, args[1]!);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      io.writeStderr(`nbhygiene: cannot read ${args[1]}\n`);
      return 2;
    }
    const { notebook } = loadNotebook(text, path);
    if (!notebook) {
      io.writeStderr(`nbhygiene: ${args[1]} is not a notebook nbhygiene can load\n`);
      return 2;
    }
    const parser = await cliParser(io.writeStderr);
    const project = await loadProjectContext(path, NODE_HOST);
    const files = ['Dockerfile', '.dockerignore', '.devcontainer/devcontainer.json'].map((name) =>
      resolve(project.root, name),
    );
    const existing = new Map(
      files.filter((file) => existsSync(file)).map((file) => [file, readFileSync(file, 'utf8')] as const),
    );
    const result = scaffoldDocker(planningModel(notebook, parser), project, existing);
    if (!result.ok) {
      io.writeStderr(`nbhygiene: cannot scaffold: ${result.reason}\n`);
      return 1;
    }
    const applied = applyFileEdits(existing, result.plan.fileEdits);
    for (const edit of result.plan.fileEdits) {
      if (applied.conflicts.includes(edit.path)) continue;
      io.writeStdout(`${dryRun ? 'would write' : 'wrote'} ${edit.path}\n`);
      if (dryRun) continue;
      mkdirSync(dirname(edit.path), { recursive: true });
      writeFileSync(edit.path, edit.newText);
    }
    io.writeStdout(`Python ${result.python}, ${result.pins.length} pinned dependencies\n`);
    return 0;
  },
};
