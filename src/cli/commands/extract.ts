// `nbhygiene extract NOTEBOOK --cells 3,5-6 [--module PATH] [--name NAME] [--tests DIR] [--dry-run]`: the same
// EditPlan the editor applies, written to the files (or shown as a unified diff). Exit 2 with the reason on refusal.
import { planningModel } from '../../core/analysis/notebook-model';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadProjectContext } from '../../core/deps/project';
import { loadNotebook } from '../../core/notebook/load';
import { applyCellEditsToNotebookText, applyFileEdits } from '../../core/refactor/apply-plan';
import { planExtraction } from '../../core/refactor/extract';
import { NODE_HOST } from '../node-host';
import type { CliIO } from '../run';
import type { Subcommand } from '../subcommands';
import { cliParser } from '../check-file';
import { unifiedDiff } from './fix';
import { writeAtomically } from '../write-atomically';
import { displayPath } from '../display-path';

// Not imported from ../run: run.ts loads the subcommands, so a value import from it here would be circular.
const EXIT_OK = 0;
const EXIT_ERROR = 2;

const USAGE = 'nbhygiene extract NOTEBOOK --cells 3,5-6 [--module PATH] [--name NAME] [--tests DIR] [--dry-run]';

/** `3,5-6` → [2, 4, 5] (0-based); null when malformed. */
export function parseCellList(text: string): number[] | null {
  const out = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!match) return null;
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from < 1 || to < from || to - from > 10_000) return null;
    for (let n = from; n <= to; n++) out.add(n - 1);
  }
  return out.size > 0 ? [...out].sort((a, b) => a - b) : null;
}

function usageError(io: CliIO, message: string): number {
  io.writeStderr(`nbhygiene extract: ${message}\nUsage: ${USAGE}\n`);
  return EXIT_ERROR;
}

export const extractCommand: Subcommand = {
  synopsis:
    'extract NOTEBOOK --cells 3,5-6 [--module PATH] [--name NAME] [--tests DIR] [--dry-run]   move cells into a tested module',
  async run(argv, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv],
        allowPositionals: true,
        options: {
          cells: { type: 'string' },
          module: { type: 'string' },
          name: { type: 'string' },
          tests: { type: 'string' },
          'dry-run': { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (error) {
      return usageError(io, error instanceof Error ? error.message : String(error));
    }
    if (parsed.values.help) {
      io.writeStdout(`Usage: ${USAGE}\n`);
      return EXIT_OK;
    }
    if (parsed.positionals.length !== 1) return usageError(io, 'give exactly one notebook');
    if (parsed.values.cells === undefined)
      return usageError(io, '--cells is required (1-based, as `nbhygiene check` prints them)');
    const cellIndices = parseCellList(parsed.values.cells);
    if (!cellIndices) return usageError(io, `--cells ${parsed.values.cells}: expected numbers and ranges like 3,5-6`);
    const notebookPath = resolve(io.cwd, parsed.positionals[0]!);
    let text: string;
    try {
      text = readFileSync(notebookPath, 'utf8');
    } catch (error) {
      io.writeStderr(
        `nbhygiene: cannot read ${parsed.positionals[0]}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return EXIT_ERROR;
    }
    const loaded = loadNotebook(text, notebookPath);
    if (!loaded.notebook) {
      io.writeStderr(
        `nbhygiene: cannot extract from ${parsed.positionals[0]}: ${loaded.findings[0]?.message ?? 'not a notebook'}\n`,
      );
      return EXIT_ERROR;
    }
    const parser = await cliParser(io.writeStderr);
    const project = await loadProjectContext(notebookPath, NODE_HOST);
    const model = planningModel(loaded.notebook, parser);
    const result = await planExtraction(NODE_HOST, model, parser, {
      cellIndices,
      notebookPath,
      projectRoot: project.root,
      localModules: project.localModules,
      ...(parsed.values.module !== undefined ? { modulePath: resolve(io.cwd, parsed.values.module) } : {}),
      ...(parsed.values.name !== undefined ? { functionName: parsed.values.name } : {}),
      ...(parsed.values.tests !== undefined ? { testsDir: resolve(io.cwd, parsed.values.tests) } : {}),
    });
    if (!result.ok) {
      io.writeStderr(`nbhygiene: cannot extract: ${result.message} [${result.reason}]\n`);
      return EXIT_ERROR;
    }
    const newNotebook = applyCellEditsToNotebookText(text, result.plan.cellEdits);
    const snapshot = new Map<string, string>();
    for (const edit of result.plan.fileEdits)
      if (existsSync(edit.path)) snapshot.set(edit.path, readFileSync(edit.path, 'utf8'));
    const applied = applyFileEdits(snapshot, result.plan.fileEdits);
    if (applied.conflicts.length > 0) {
      io.writeStderr(
        `nbhygiene: cannot extract: ${applied.conflicts.map((path) => displayPath(path, io.cwd)).join(', ')} changed while planning; run again\n`,
      );
      return EXIT_ERROR;
    }
    const writes: [string, string, string][] = [[notebookPath, text, newNotebook]];
    for (const edit of result.plan.fileEdits)
      writes.push([edit.path, edit.expectedOldText ?? '', applied.files.get(edit.path)!]);
    const { summary } = result;
    if (parsed.values['dry-run']) {
      for (const [path, before, after] of writes) io.writeStdout(unifiedDiff(displayPath(path, io.cwd), before, after));
    } else {
      for (const [path, , after] of writes) {
        mkdirSync(dirname(path), { recursive: true });
        writeAtomically(path, after);
      }
    }
    const what = summary.mode === 'function' ? `${summary.moduleImport}.${summary.functionName}` : summary.moduleImport;
    const cells = summary.cellsReplaced.map((index) => index + 1).join(', ');
    io.writeStderr(
      `${parsed.values['dry-run'] ? 'would extract' : 'extracted'} cell${summary.cellsReplaced.length > 1 ? 's' : ''} ${cells} into ${what} (${displayPath(summary.modulePath, io.cwd)})` +
        `${summary.testPath ? `; tests: ${displayPath(summary.testPath, io.cwd)}` : ''}\n`,
    );
    return EXIT_OK;
  },
};
