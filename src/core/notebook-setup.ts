// What a notebook is checked with, found the same way by every command of the CLI and by the editor: first its
// config, then the project around it read with that config's tests folder (NH301/NH304 look there). Each face
// finds a config and a project its own way (file system or workspace.fs, caches, editor settings); the order and
// the tests folder passed between them are decided here once. Each face's project carries the files the notebook's
// `%run` lines run, read for that notebook (the CLI from its file, the editor from the cells as they are open).
import type { NbhygieneConfig } from './config/config';
import type { ProjectContext } from './deps/project';

export interface NotebookSetup {
  config: NbhygieneConfig;
  /** Null where no project can be read (a notebook that is not on a file system). */
  project: ProjectContext | null;
}

/** `where` is what the face names a notebook by: a path in the CLI, a Uri in the editor. */
export async function setUpNotebook<Where>(
  where: Where,
  configFor: (where: Where) => Promise<NbhygieneConfig>,
  projectFor: (where: Where, testsFolder: string) => Promise<ProjectContext | null>,
): Promise<NotebookSetup> {
  const config = await configFor(where);
  return { config, project: await projectFor(where, config.testsFolder) };
}
