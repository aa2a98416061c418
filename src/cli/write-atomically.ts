// Writing a file so that no reader (another run, another thread of this one) ever sees it half written: the content
// goes to a temporary file beside it, which is then renamed over it.
import { existsSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';

/** Throws like writeFileSync when the file cannot be written, leaving the file as it was and no temporary file. */
export function writeAtomically(path: string, content: string | Uint8Array): void {
  // The thread is in the name too: the worker threads of one check may write the same code cache at the same time.
  const temp = join(dirname(path), `.${basename(path)}.nbhygiene-${process.pid}-${threadId}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    if (existsSync(temp)) unlinkSync(temp);
    throw error;
  }
}
