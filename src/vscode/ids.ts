// The ids the extension shares with package.json's contributes (the commands commands.ts registers, the setting keys)
// and the ones several files use (diagnostic source, notebook type, report view type), typed, so a rename is a compile
// error, not a silent no-op. A command registered in a file of its own keeps its id there (extract, scaffold).

export const COMMANDS = {
  showReport: 'nbhygiene.showReport',
  checkWorkspace: 'nbhygiene.checkWorkspace',
  prepareForReview: 'nbhygiene.prepareForReview',
  fixAll: 'nbhygiene.fixAll',
  revealFinding: 'nbhygiene.revealFinding',
  pinDependencies: 'nbhygiene.pinDependencies',
  applyAskingFix: 'nbhygiene.applyAskingFix',
} as const;

export const SETTINGS = {
  section: 'nbhygiene',
  select: 'select',
  extendSelect: 'extendSelect',
  ignore: 'ignore',
  severity: 'severity',
  pythonEnvironment: 'pythonEnvironment',
  maxCellLines: 'maxCellLines',
  maxCellComplexity: 'maxCellComplexity',
  testsFolder: 'testsFolder',
  moduleFolder: 'moduleFolder',
} as const;

/** The one prefix of every title: command category, messages, dialogs, the output channel, the report panel. */
export const TITLE = 'nbhygiene';
export const DIAGNOSTIC_SOURCE = 'nbhygiene';
export const NOTEBOOK_TYPE = 'jupyter-notebook';
export const REPORT_VIEW_TYPE = 'nbhygiene.report';
/** The notebooks of the workspace: every .ipynb outside environments, checkpoints and dependencies. */
export const NOTEBOOK_GLOB = '**/*.ipynb';
export const NOTEBOOK_EXCLUDE_GLOB = '**/{node_modules,.ipynb_checkpoints,.git,.venv,venv}/**';
