// How every command prints a file's path. A module of its own so the subcommands can share it with run.ts, which
// loads them (a value import from run.ts in a subcommand would be circular).
import { isAbsolute, relative, sep } from 'node:path';

/** Relative to the cwd when the file is under it, absolute otherwise (never `../../x`). */
export function displayPath(absolutePath: string, cwd: string): string {
  const rel = relative(cwd, absolutePath);
  const outside = rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  return outside ? absolutePath : rel;
}
