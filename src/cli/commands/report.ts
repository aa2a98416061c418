// `nbhygiene report PATH... [--output report.html]`: the workspace report, every notebook in one sortable table
// linking to its own report (findings, dependency table, execution-order chart, cell dependency graph), in one
// self-contained HTML file. Set up like `check` (check-tasks.ts), but checked on the main thread so the notebook,
// its model and its project stay at hand.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { NbhygieneConfig } from '../../core/config/config';
import type { ProjectContext } from '../../core/deps/project';
import { createEngine, type CheckResult } from '../../core/engine';
import { renderWorkspaceReportHtml } from '../../core/report/html';
import { buildNotebookReport, type NotebookReport } from '../../core/report/notebook-report';
import type { UnreadableFile } from '../../core/report/json';
import { buildWorkspaceReport, type WorkspaceReport } from '../../core/report/workspace';
import { checkEngineOptions, checkFileKeepingResult, readTextFileFromDisk } from '../check-file';
import { checkTasksFor, findNotebooks } from '../check-tasks';
import { DEFAULT_CHECK_PATHS } from '../args';
import { standaloneAssets } from '../format-report';
import type { CliIO } from '../run';
import type { Subcommand } from '../subcommands';

export interface CheckedFile {
  file: string;
  path: string;
  text: string;
  result: CheckResult;
  project: ProjectContext | null;
}

export interface CheckedWorkspace {
  checked: CheckedFile[];
  unreadable: UnreadableFile[];
  /** Paths that do not exist: already reported on stderr. */
  failed: boolean;
}

/** Every notebook under the paths, set up as `check` sets it up and checked, one after another. */
export async function checkWorkspace(
  paths: readonly string[],
  io: CliIO,
  overrides: Partial<NbhygieneConfig> = {},
): Promise<CheckedWorkspace> {
  const found = findNotebooks(paths.length > 0 ? paths : DEFAULT_CHECK_PATHS, io);
  const tasks = await checkTasksFor(found.files, io, overrides);
  const engine = await createEngine(await checkEngineOptions(io.writeStderr));
  const checked: CheckedFile[] = [];
  const unreadable: UnreadableFile[] = [];
  for (const task of tasks) {
    const outcome = checkFileKeepingResult(engine, task, readTextFileFromDisk);
    if (outcome.kind === 'unreadable') unreadable.push({ path: task.displayPath, message: outcome.message });
    else
      checked.push({
        file: task.file,
        path: task.displayPath,
        text: outcome.text,
        result: outcome.result,
        project: task.project,
      });
  }
  return { checked, unreadable, failed: found.failed };
}

/** The workspace report's model from checked notebooks, with the dataflow models their checks built: the part `npm run bench:report` times. */
export function buildWorkspaceFromChecked(
  checked: readonly CheckedFile[],
  unreadable: readonly UnreadableFile[],
): WorkspaceReport {
  const reports: NotebookReport[] = checked.map(({ path, result, project }) =>
    buildNotebookReport(path, result.notebook, result.findings, { model: result.model, project }),
  );
  return buildWorkspaceReport(reports, unreadable);
}

const USAGE = 'nbhygiene report PATH... [--output FILE]';

export const reportCommand: Subcommand = {
  synopsis: 'report [PATH...] [--output report.html]   one HTML report of every notebook, with a sortable table',
  async run(argv, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv],
        allowPositionals: true,
        strict: true,
        options: { output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
      });
    } catch (error) {
      io.writeStderr(`nbhygiene: ${(error as Error).message}\nUsage: ${USAGE}\n`);
      return 2;
    }
    if (parsed.values.help) {
      io.writeStdout(
        `Usage: ${USAGE}\nWrites the workspace report as one self-contained HTML file (stdout without --output).\n`,
      );
      return 0;
    }
    const { checked, unreadable, failed } = await checkWorkspace(parsed.positionals, io);
    for (const item of unreadable) io.writeStderr(`nbhygiene: cannot read ${item.path}: ${item.message}\n`);
    const html = renderWorkspaceReportHtml(buildWorkspaceFromChecked(checked, unreadable), standaloneAssets());
    const output = parsed.values.output;
    if (output === undefined) {
      io.writeStdout(html);
    } else {
      try {
        writeFileSync(resolve(io.cwd, output), html);
      } catch (error) {
        io.writeStderr(`nbhygiene: cannot write ${output}: ${(error as Error).message}\n`);
        return 2;
      }
      io.writeStderr(`nbhygiene: wrote ${output} (${checked.length} notebook${checked.length === 1 ? '' : 's'})\n`);
    }
    return failed || unreadable.length > 0 ? 2 : 0;
  },
};
