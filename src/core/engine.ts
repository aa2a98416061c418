// The engine's one entry point: .ipynb text in, findings out. Pure apart from the parser it was created with.
import { CellAnalysisCache } from './analysis/cell-analysis';
import type { NotebookModel } from './analysis/notebook-model';
import { analyseNotebook } from './analysis/notebook-model';
import { applyConfig, DEFAULT_CONFIG, isCodeEnabled, type NbhygieneConfig } from './config/config';
import { applySuppressions } from './config/suppressions';
import { loadNotebook, type LoadResult } from './notebook/load';
import type { ProjectContext } from './deps/project';
import type { Notebook } from './notebook/notebook';
import { createPythonParser, type ParserWasm, type PythonParser } from './python/parser';
import { internalError as internalErrorRule } from './rules/notebook/internal-error';
import { CHECKED_RULES } from './rules/registry';
import { makeFinding } from './rules/context';
import { ZERO_RANGE, type Finding } from './types';
import { compareStrings } from './compare';

export interface CheckResult {
  /** null when the file could not be loaded (NH001, NH003). */
  notebook: Notebook | null;
  /** Findings after config (select/ignore/severity) and suppressions are applied, sorted by cell then position. */
  findings: Finding[];
  /** The cross-cell model the findings came from (the report draws it); null when the notebook was not analysed. */
  model: NotebookModel | null;
}

export interface NotebookCheck {
  findings: Finding[];
  model: NotebookModel | null;
}

export interface Engine {
  /** .ipynb text in (the CLI, tests): load, then analyse. Never throws: a crash on the notebook is an NH000 finding. */
  check(text: string, path: string, config?: NbhygieneConfig, project?: ProjectContext | null): CheckResult;
  /** The same as `check`, for a notebook the caller loaded (`path` names it in an NH000 finding). Never throws. */
  checkLoaded(loaded: LoadResult, path: string, config?: NbhygieneConfig, project?: ProjectContext | null): CheckResult;
  /**
   * A notebook already in memory (the editor builds one from the open document), with the cross-cell model the
   * findings came from (for the report's graph and tables; null for non-Python kernels).
   */
  checkNotebook(notebook: Notebook, config?: NbhygieneConfig, project?: ProjectContext | null): NotebookCheck;
  /** The parser it was created with, for planners that check the Python they generate. */
  readonly parser: PythonParser;
}

/**
 * The parser: web-tree-sitter's, from where its two .wasm files are (or their bytes), or one made already (the CLI
 * gives the native binding's where it loads).
 */
export type ParserSource = ParserWasm | { parser: PythonParser };

/** The parser, and what to remember between checks. */
export type EngineOptions = ParserSource & {
  /**
   * How many cell analyses to keep between checks, by source text (default 20,000). The editor re-checks a
   * notebook on every edit and needs them; a batch run reads each notebook once, and keeping them only costs it
   * garbage-collection time.
   */
  cellCacheCapacity?: number;
};

export { isPythonLanguage } from './notebook/language';

function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.cellIndex ?? -1) - (b.cellIndex ?? -1) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    compareStrings(a.code, b.code)
  );
}

function notAnalysed(notebook: Notebook): Finding {
  return makeFinding(notebook, {
    code: 'NH005',
    cellIndex: null,
    range: ZERO_RANGE,
    message: `not analysed: kernel language ${notebook.language}`,
  });
}

function internalError(path: string, error: unknown): Finding {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    code: internalErrorRule.code,
    severity: 'error',
    message: `nbhygiene failed on this notebook (${reason}); please report it`,
    notebook: path,
    cellIndex: null,
    range: ZERO_RANGE,
    related: [],
    fixes: [],
  };
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const parser = 'parser' in options ? options.parser : await createPythonParser(options);
  const cache = new CellAnalysisCache(parser, options.cellCacheCapacity);

  function analyse(notebook: Notebook, project: ProjectContext | null, config: NbhygieneConfig): NotebookCheck {
    const runFiles = project?.runFiles ? { folder: project.notebookDir, files: project.runFiles } : null;
    const model = analyseNotebook(notebook, cache, config.builtins, runFiles);
    if (!model) return { findings: [notAnalysed(notebook)], model: null };
    // Like ruff, a rule the config leaves out does not run: `--select NH1` pays for the hidden-state rules only.
    const rules = CHECKED_RULES.filter(({ code }) => isCodeEnabled(code, config));
    return { findings: rules.flatMap(({ run }) => run({ notebook, model, project, config })), model };
  }

  /** Config, suppressions and order: the same last steps whichever way the notebook came in. */
  function finish(findings: Finding[], notebook: Notebook | null, config: NbhygieneConfig): Finding[] {
    const configured = applyConfig(findings, config);
    const kept = notebook ? applySuppressions(configured, notebook) : configured;
    return kept.sort(compareFindings);
  }

  function checkLoaded(
    loaded: LoadResult,
    path: string,
    config: NbhygieneConfig = DEFAULT_CONFIG,
    project: ProjectContext | null = null,
  ): CheckResult {
    try {
      const analysed = loaded.notebook ? analyse(loaded.notebook, project, config) : null;
      const findings = analysed ? [...loaded.findings, ...analysed.findings] : loaded.findings;
      return {
        notebook: loaded.notebook,
        findings: finish(findings, loaded.notebook, config),
        model: analysed?.model ?? null,
      };
    } catch (error) {
      return { notebook: null, findings: [internalError(path, error)], model: null };
    }
  }

  return {
    check(text, path, config, project) {
      // loadNotebook never throws: whatever the text, its problems are findings.
      return checkLoaded(loadNotebook(text, path), path, config, project);
    },
    checkLoaded,
    parser,
    checkNotebook(notebook, config = DEFAULT_CONFIG, project = null) {
      try {
        const { findings, model } = analyse(notebook, project, config);
        return { findings: finish(findings, notebook, config), model };
      } catch (error) {
        return { findings: [internalError(notebook.path, error)], model: null };
      }
    },
  };
}
