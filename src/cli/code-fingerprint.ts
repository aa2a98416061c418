// What the result cache keys findings to besides the version number: the code that made them. A release changes its
// version, but a build from a checkout does not, and a rule changed there must not be answered with what the old
// rule found. Bundled (dist/), the code is the command's bundle, engine and rules included, which every build
// rewrites; run from source (tsx: tests, development), it is every file under src/ by size and modification time.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { codeFolder } from './code-folder';

/** Sizes and modification times of every file under `folder`, hashed: any edit there changes it. */
export function sourceFingerprint(folder: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`);
      }
    }
  };
  walk(folder);
  return hash.digest('hex').slice(0, 16);
}

/** The bundle's own bytes, hashed. */
export function bundleFingerprint(bundle: string): string {
  return createHash('sha256').update(readFileSync(bundle)).digest('hex').slice(0, 16);
}

let fingerprint: string | undefined;

/** This run's code, once per process: dist/cli-main.js when bundled, src/ when run from source. */
export function codeFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const folder = codeFolder();
  try {
    const bundle = join(folder, 'cli-main.js');
    if (existsSync(bundle)) fingerprint = bundleFingerprint(bundle);
    else if (basename(folder) === 'cli' && basename(dirname(folder)) === 'src')
      fingerprint = sourceFingerprint(dirname(folder));
    else fingerprint = 'unknown'; // the version still keys the cache
  } catch {
    fingerprint = 'unknown';
  }
  return fingerprint;
}
