// Paths as plain strings for the core, which runs without Node's `path`: '\' read as '/', '.' and '..' resolved,
// so the same folder always has the same spelling (a cache key, a comparison with a workspace root).

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:\//.test(path);
}

/** '/a/b/../c/' → '/a/c'; 'C:\x\y' → 'C:/x/y'; '' → '.'. */
export function normalizePath(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const root = slashed.startsWith('/') ? '/' : (/^[A-Za-z]:\//.exec(slashed)?.[0] ?? '');
  const parts: string[] = [];
  for (const part of slashed.slice(root.length).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || root === '') parts.push(part);
  }
  const joined = root + parts.join('/');
  return joined === '' ? '.' : joined;
}

/** Joins parts with '/'; an absolute part starts over, as in Node's path.join + resolve. */
export function joinPath(...parts: string[]): string {
  let result = '';
  for (const part of parts) {
    const slashed = part.replace(/\\/g, '/');
    result = result === '' || isAbsolute(slashed) ? slashed : `${result}/${slashed}`;
  }
  return normalizePath(result);
}

export function dirnamePath(path: string): string {
  const normal = normalizePath(path);
  const cut = normal.lastIndexOf('/');
  if (cut < 0) return '.';
  if (cut === 0) return '/';
  if (cut === 2 && normal[1] === ':') return normal.slice(0, 3);
  return normal.slice(0, cut);
}

export function basenamePath(path: string): string {
  const normal = normalizePath(path);
  return normal.slice(normal.lastIndexOf('/') + 1);
}

export function isRoot(folder: string): boolean {
  return dirnamePath(folder) === normalizePath(folder);
}

/** The folder and each one above it, nearest first, up to `stopAt` (inclusive) or the file system's root. */
export function ancestors(folder: string, stopAt?: string): string[] {
  const stop = stopAt === undefined ? undefined : normalizePath(stopAt);
  const chain: string[] = [];
  for (let current = normalizePath(folder); ; current = dirnamePath(current)) {
    chain.push(current);
    if (current === stop || isRoot(current)) return chain;
  }
}
