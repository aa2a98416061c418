// Where an environment's files are, from what users and the Python extension name: an interpreter or a folder.
import { dirnamePath, normalizePath } from '../paths';

/** `/p/.venv/bin/python3` or `C:/p/.venv/Scripts/python.exe` → the environment folder; a folder stays as it is. */
export function environmentRoot(interpreterOrFolder: string): string {
  const path = normalizePath(interpreterOrFolder);
  return /\/(bin|Scripts)\/python[\d.]*(\.exe)?$/i.test(path) ? dirnamePath(dirnamePath(path)) : path;
}
