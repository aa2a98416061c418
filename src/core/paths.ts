// Paths as plain strings for the core, which runs without Node's `path`: '/' separators ('\\' read as '/'),
// '.' and '..' collapsed, so one folder has one spelling (a cache key, a comparison with a workspace root).

/** Collapses `.`, `..` and repeated slashes; turns '\' into '/'; keeps a leading '/' and a Windows drive ('C:/'). */
export function normalizePath(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:(?=\/|$)/.exec(slashed)?.[0] ?? '';
  const rest = slashed.slice(drive.length);
  const absolute = rest.startsWith('/');
  const parts: string[] = [];
  for (const part of rest.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !absolute) parts.push(part);
  }
  const body = parts.join('/');
  if (absolute || drive) return `${drive}/${body}`;
  return body || '.';
}

export function joinPath(...parts: string[]): string {
  return normalizePath(parts.filter((part) => part !== '').join('/'));
}

/** The folder part; '.' for a bare name, '/' (or 'C:/') for a top-level entry. */
export function dirnamePath(path: string): string {
  const normal = normalizePath(path);
  const slash = normal.lastIndexOf('/');
  if (slash < 0) return '.';
  const head = normal.slice(0, slash);
  if (head === '' || /^[A-Za-z]:$/.test(head)) return `${head}/`;
  return head;
}

export function basenamePath(path: string): string {
  const normal = normalizePath(path);
  return normal.slice(normal.lastIndexOf('/') + 1);
}

function splitParts(path: string): string[] {
  const normal = normalizePath(path);
  return normal === '.' ? [] : normal.split('/').filter((part) => part !== '');
}

/** The path from the folder `from` to `to`, with '..' where needed; '.' when they are the same. */
export function relativePath(from: string, to: string): string {
  const a = splitParts(from);
  const b = splitParts(to);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/') || '.';
}

/** `from` itself, then each parent up to the file system's root, or up to `stop` when it is an ancestor. */
export function ancestors(from: string, stop?: string): string[] {
  const out: string[] = [];
  const end = stop === undefined ? undefined : normalizePath(stop);
  let current = normalizePath(from);
  for (;;) {
    out.push(current);
    if (current === end) break;
    const parent = dirnamePath(current);
    if (parent === current) break;
    current = parent;
  }
  return out;
}

export function isRoot(folder: string): boolean {
  return dirnamePath(folder) === normalizePath(folder);
}
