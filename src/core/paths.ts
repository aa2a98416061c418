// Paths as plain strings, for the core that runs without Node's `path`: both separators understood, the folder's
// own separator kept when joining.

export function dirname(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/[\\/]+$/, '') : path;
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  if (cut < 0) return '.';
  if (cut === 0) return trimmed[0]!;
  // "C:\" stays a root.
  if (cut === 2 && trimmed[1] === ':') return trimmed.slice(0, 3);
  return trimmed.slice(0, cut);
}

export function joinPath(folder: string, name: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith('/') || folder.endsWith('\\') ? `${folder}${name}` : `${folder}${separator}${name}`;
}

export function isRoot(folder: string): boolean {
  return dirname(folder) === folder;
}

export function basename(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
}

/** `join('a', 'b', 'c.txt')` with '/' unless the first part uses '\'. */
export function join(first: string, ...rest: string[]): string {
  return rest.reduce((folder, name) => joinPath(folder, name), first);
}
