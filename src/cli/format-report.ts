// Every `--format` of `nbhygiene check`, and the HTML of `nbhygiene report`: the CLI's side of src/core/report (the
// notebook is re-loaded, and for HTML re-analysed, on the main thread, since worker threads return findings only).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { version } from '../../package.json';
import type { ProjectContext } from '../core/deps/project';
import { loadNotebook } from '../core/notebook/load';
import { createReportAnalyser, type ReportAnalyser } from '../core/report/analyse';
import { renderGithub } from '../core/report/github';
import { renderNotebookReportHtml, renderWorkspaceReportHtml, type ReportAssets } from '../core/report/html';
import { renderJson, type CheckedNotebook, type UnreadableFile } from '../core/report/json';
import { renderMarkdown } from '../core/report/markdown';
import { buildNotebookReport, type NotebookReport } from '../core/report/notebook-report';
import { renderSarif } from '../core/report/sarif';
import { buildWorkspaceReport } from '../core/report/workspace';
import type { Finding } from '../core/types';
import type { OutputFormat } from './args';
import { codeFolder } from './code-folder';
import { formatText } from './format-text';
import { cliParser } from './check-file';

export interface FormatContext {
  colours: boolean;
  env: Record<string, string | undefined>;
  /** The file and project behind each printed path (HTML and Markdown read the notebook again). */
  sources: Map<string, { file: string; project: ProjectContext | null }>;
  readTextFile(path: string): string;
}

/** media/report.css and report.js: beside dist/ (the package) or two folders up from src/cli/ (running from source). */
function mediaFile(name: string): string {
  for (let folder = codeFolder(); ; folder = dirname(folder)) {
    const candidate = join(folder, 'media', name);
    if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
    if (dirname(folder) === folder) throw new Error(`cannot find media/${name} beside nbhygiene`);
  }
}

/** The CSS inlined, the sorting script allowed by its hash: one file, no network, readable without the script. */
export function standaloneAssets(): ReportAssets {
  const script = mediaFile('report.js');
  return {
    kind: 'standalone',
    css: mediaFile('report.css'),
    script,
    scriptHash: `sha256-${createHash('sha256').update(script).digest('base64')}`,
  };
}

export async function createAnalyser(): Promise<ReportAnalyser> {
  return createReportAnalyser(await cliParser());
}

/** The report model of each checked notebook: loaded again from its file, with the dataflow model when an analyser is given. */
export function buildReports(
  checked: readonly { path: string; findings: Finding[] }[],
  context: Pick<FormatContext, 'sources' | 'readTextFile'>,
  analyser: ReportAnalyser | null,
): NotebookReport[] {
  return checked.map(({ path, findings }) => {
    const source = context.sources.get(path);
    let notebook = null;
    try {
      if (source) notebook = loadNotebook(context.readTextFile(source.file), path).notebook;
    } catch {
      notebook = null;
    }
    const model = notebook && analyser ? analyser(notebook) : null;
    return buildNotebookReport(path, notebook, findings, { model, project: source?.project ?? null });
  });
}

/** `https://github.com/o/r/blob/<sha>/` inside GitHub Actions, so `cell N` links open the notebook; '' elsewhere. */
export function githubLinkBase(env: Record<string, string | undefined>): string {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  return server && repo && sha ? `${server}/${repo}/blob/${sha}/` : '';
}

export async function formatCheckOutput(
  format: OutputFormat,
  reports: CheckedNotebook[],
  unreadable: UnreadableFile[],
  context: FormatContext,
): Promise<string> {
  switch (format) {
    case 'text':
      return formatText(reports, unreadable, context.colours);
    case 'json':
      return renderJson(reports, unreadable);
    case 'sarif':
      return renderSarif(reports, unreadable, { toolVersion: version });
    case 'github':
      return renderGithub(reports, unreadable);
    case 'markdown':
      return renderMarkdown(buildWorkspaceReport(buildReports(reports, context, null), unreadable), {
        linkBase: githubLinkBase(context.env),
      });
    case 'html': {
      const models = buildReports(reports, context, await createAnalyser());
      const assets = standaloneAssets();
      return models.length === 1 && unreadable.length === 0
        ? renderNotebookReportHtml(models[0]!, assets)
        : renderWorkspaceReportHtml(buildWorkspaceReport(models, unreadable), assets);
    }
  }
}
