// NH001 invalid-json: The file is not valid JSON.
import { defineRule } from '../rule';

export const invalidJson = defineRule({
  code: 'NH001',
  name: 'invalid-json',
  family: 'notebook',
  defaultSeverity: 'error',
  summary: 'The file is not valid JSON.',
  docs: `The file is not valid JSON, usually after a merge conflict or a hand edit. The finding
points at the line and column where parsing stopped; an empty file says so. Nothing else is reported on the file.
A byte-order mark is accepted; JSON that is not a notebook is NH002.

\`\`\`
{
<<<<<<< HEAD        <- NH001 at line 2, column 1
 "cells": [
\`\`\`

*Fix:* resolve the conflict markers or restore the file from version control.`,
});
