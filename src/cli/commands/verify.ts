// `nbhygiene verify NOTEBOOK... [--python PATH] [--timeout S]`: Restart & Run All in a scratch kernel (a fresh Python
// on a temporary copy of the notebook's folder, src/run), each cell's new outputs compared with the saved ones, every
// failure or difference explained by the findings `check` has on that cell. nbval's job, without a pytest plugin.
// Exit codes as `check`: 0 every cell reproduced, 1 a cell differs or fails, 2 usage or internal error.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderNotebookReportHtml } from '../../core/report/html';
import { buildNotebookReport } from '../../core/report/notebook-report';
import { formatVerifyText } from '../../core/verify/format-verify';
import { VERIFY_CONFIG, verifyNotebook, type VerifyReport } from '../../core/verify/verify-notebook';
import { runNotebook } from '../../run/run-notebook';
import { standaloneAssets } from '../format-report';
import type { CliIO } from '../run';
import type { Subcommand } from '../subcommands';
import { checkWorkspace, type CheckedFile } from './report';

const USAGE =
  'nbhygiene verify NOTEBOOK... [--python PATH] [--timeout S] [--total-timeout S] [--format text|json|html] [--output FILE]';

const HELP = `Usage: ${USAGE}
Runs each notebook top to bottom in a fresh Python (Restart & Run All in a scratch kernel: a temporary copy of its
folder, which is never modified) and compares every code cell's new outputs with the saved ones. Each cell is
reproduced, differs, fails, or not run before; a failure or difference is explained by the findings on that cell
(NH102/NH103 predicted the NameError, NH401 unseeded randomness, NH402 a path missing, NH101/NH104 an out-of-order run).

  --python PATH         the interpreter (default python3); IPython there runs magics and !commands
  --timeout S           seconds per cell (default 60)
  --total-timeout S     seconds per notebook (default 600)
  --format FORMAT       text (default), json, or html (the notebook's report with its Verify section)
  --output FILE         write the report to FILE instead of stdout

Exit codes: 0 every cell reproduced, 1 a cell differs or fails, 2 usage or internal error.
`;

const FORMATS = ['text', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];

function seconds(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${flag} takes a number of seconds, not '${value}'`);
  return parsed;
}

interface VerifyOptions {
  python: string;
  timeoutPerCellS: number;
  timeoutS: number;
}

async function verifyChecked(checked: CheckedFile, options: VerifyOptions, io: CliIO): Promise<VerifyReport> {
  const notebook = checked.result.notebook!;
  const progress = io.stderrIsTTY;
  const run = await runNotebook({
    notebookJson: checked.text,
    path: checked.file,
    cwd: dirname(checked.file),
    python: options.python,
    timeoutPerCellS: options.timeoutPerCellS,
    timeoutS: options.timeoutS,
    onCell: progress
      ? (cell) => io.writeStderr(`\rnbhygiene: ${checked.path}: ran cell ${cell.index + 1}   `)
      : undefined,
  });
  if (progress) io.writeStderr('\r\x1b[K');
  const report = verifyNotebook(notebook, checked.result, run.cells, run);
  return { ...report, notebook: checked.path };
}

export const verifyCommand: Subcommand = {
  synopsis: 'verify NOTEBOOK... [--python PATH] [--timeout S]   run it in a scratch kernel, compare with saved outputs',
  async run(argv, io) {
    let parsed;
    let options: VerifyOptions;
    let format: Format;
    try {
      parsed = parseArgs({
        args: [...argv],
        allowPositionals: true,
        strict: true,
        options: {
          python: { type: 'string' },
          timeout: { type: 'string' },
          'total-timeout': { type: 'string' },
          format: { type: 'string' },
          output: { type: 'string', short: 'o' },
          help: { type: 'boolean', short: 'h' },
        },
      });
      options = {
        python: parsed.values.python ?? 'python3',
        timeoutPerCellS: seconds(parsed.values.timeout, 60, '--timeout'),
        timeoutS: seconds(parsed.values['total-timeout'], 600, '--total-timeout'),
      };
      format = (parsed.values.format ?? 'text') as Format;
      if (!FORMATS.includes(format)) throw new Error(`--format takes ${FORMATS.join(', ')}, not '${format}'`);
      if (!parsed.values.help && parsed.positionals.length === 0) throw new Error('verify needs a notebook');
    } catch (error) {
      io.writeStderr(`nbhygiene: ${(error as Error).message}\nUsage: ${USAGE}\n`);
      return 2;
    }
    if (parsed.values.help) {
      io.writeStdout(HELP);
      return 0;
    }

    const { checked, unreadable, failed } = await checkWorkspace(parsed.positionals, io, VERIFY_CONFIG);
    for (const item of unreadable) io.writeStderr(`nbhygiene: cannot read ${item.path}: ${item.message}\n`);
    let broken = failed || unreadable.length > 0;
    const reports: { checked: CheckedFile; verify: VerifyReport }[] = [];
    for (const file of checked) {
      const notebook = file.result.notebook;
      if (!notebook) {
        const reason = file.result.findings[0]?.message ?? 'not a notebook';
        io.writeStderr(`nbhygiene: cannot run ${file.path}: ${reason}\n`);
        broken = true;
        continue;
      }
      if (notebook.language !== 'python') {
        io.writeStderr(`nbhygiene: cannot run ${file.path}: its kernel is ${notebook.language}, not Python\n`);
        broken = true;
        continue;
      }
      try {
        reports.push({ checked: file, verify: await verifyChecked(file, options, io) });
      } catch (error) {
        io.writeStderr(`nbhygiene: cannot run ${file.path}: ${(error as Error).message}\n`);
        broken = true;
      }
    }

    let output: string;
    if (format === 'json') {
      output = `${JSON.stringify({ notebooks: reports.map((report) => report.verify) }, null, 2)}\n`;
    } else if (format === 'html') {
      if (reports.length !== 1) {
        io.writeStderr(`nbhygiene: --format html writes one notebook's report; verify one notebook at a time\n`);
        return 2;
      }
      const [{ checked: file, verify }] = reports;
      const report = buildNotebookReport(file.path, file.result.notebook, file.result.findings, {
        model: file.result.model,
        project: file.project,
      });
      output = renderNotebookReportHtml({ ...report, verify }, standaloneAssets());
    } else {
      output = reports.map((report) => formatVerifyText(report.verify)).join('\n');
    }
    if (parsed.values.output === undefined) {
      io.writeStdout(output);
    } else {
      try {
        writeFileSync(resolve(io.cwd, parsed.values.output), output);
      } catch (error) {
        io.writeStderr(`nbhygiene: cannot write ${parsed.values.output}: ${(error as Error).message}\n`);
        return 2;
      }
      io.writeStderr(`nbhygiene: wrote ${parsed.values.output}\n`);
    }
    if (broken) return 2;
    return reports.every((report) => report.verify.passed) ? 0 : 1;
  },
};
