// `nbhygiene report PATH... [--output report.html]`: the workspace report, every notebook in one sortable table
// linking to its own report (findings, dependency table, execution-order chart, cell dependency graph), in one
// self-contained HTML file. Checks on the main thread so the notebook, its model and its project stay at hand.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG, mergeConfig } from '../../core/config/config';
import { createConfigLocator } from '../../core/config/locate';
import type { ProjectContext } from '../../core/deps/project';
import { createEngine, type CheckResult } from '../../core/engine';
import { renderWorkspaceReportHtml } from '../../core/report/html';
import { buildNotebookReport, type NotebookReport } from '../../core/report/model';
import { buildWorkspaceReport, type UnreadableNotebook, type WorkspaceReport } from '../../core/report/workspace';
import { discoverNotebooks } from '../discover';
import { standaloneAssets } from '../format-report';
import { NODE_HOST } from '../node-host';
import { createProjectContextCache, memoizingHost } from '../project-cache';
import type { CliIO } from '../run';
import type { Subcommand } from '../subcommands';
import { cliParserWasm } from '../wasm-paths';
import { displayPath } from '../display-path';

export interface CheckedFile {
  file: string;
  path: string;
  text: string;
  result: CheckResult;
  project: ProjectContext | null;
}

export interface CheckedWorkspace {
  checked: CheckedFile[];
  unreadable: UnreadableNotebook[];
  /** Paths that do not exist: already reported on stderr. */
  failed: boolean;
}

/** Discover, configure (pyproject [tool.nbhygiene]) and check every notebook under the paths, one after another. */
export async function checkWorkspace(paths: readonly string[], io: CliIO): Promise<CheckedWorkspace> {
  const discovery = discoverNotebooks(paths.length > 0 ? paths : ['.'], io.cwd);
  for (const message of discovery.errors) io.writeStderr(`nbhygiene: ${message}\n`);
  const host = memoizingHost(NODE_HOST);
  const locator = createConfigLocator(host, () => {});
  const projects = createProjectContextCache({ cwd: io.cwd, host });
  const engine = await createEngine(cliParserWasm());
  const checked: CheckedFile[] = [];
  const unreadable: UnreadableNotebook[] = [];
  for (const file of discovery.files) {
    const path = displayPath(file, io.cwd);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      unreadable.push({ path, message: (error as NodeJS.ErrnoException).code ?? String(error) });
      continue;
    }
    const [{ config }, project] = await Promise.all([locator.configFor(file), projects.contextFor(file)]);
    const result = engine.check(text, path, mergeConfig(DEFAULT_CONFIG, config), project);
    checked.push({ file, path, text, result, project });
  }
  return { checked, unreadable, failed: discovery.errors.length > 0 };
}

/** The workspace report's model from checked notebooks, with the dataflow models their checks built: the part `npm run bench:report` times. */
export function buildWorkspaceFromChecked(checked: readonly CheckedFile[], unreadable: readonly UnreadableNotebook[]): WorkspaceReport {
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
      parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } } });
    } catch (error) {
      io.writeStderr(`nbhygiene: ${(error as Error).message}\nUsage: ${USAGE}\n`);
      return 2;
    }
    if (parsed.values.help) {
      io.writeStdout(`Usage: ${USAGE}\nWrites the workspace report as one self-contained HTML file (stdout without --output).\n`);
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
