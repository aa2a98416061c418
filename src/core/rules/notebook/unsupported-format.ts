// NH003 unsupported-format: The nbformat version is not supported.
import { defineRule } from '../rule';

export const unsupportedFormat = defineRule({
  code: 'NH003',
  name: 'unsupported-format',
  family: 'notebook',
  defaultSeverity: 'error',
  summary: 'The nbformat version is not supported.',
  docs: `nbformat 2 or older, or a version that is not a number. nbformat 3 is upgraded in
memory and analysed; nbformat 4.x is read directly (4.99 included). *Fix:* open and save it in Jupyter to
upgrade it to nbformat 4.`,
});
