// Prints a file's size, for `npm run package`.
import { statSync } from 'node:fs';

const path = process.argv[2];
console.log(`${path}: ${(statSync(path).size / 1024).toFixed(0)} KiB`);
