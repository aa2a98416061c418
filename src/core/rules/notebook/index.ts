// The notebook file rules (NH000–NH005), in code order: the order they run in and the docs list them in.
import { defineFamily } from '../rule';
import { internalError } from './internal-error';
import { invalidJson } from './invalid-json';
import { schemaViolation } from './schema-violation';
import { unsupportedFormat } from './unsupported-format';
import { syntaxError } from './syntax-error';
import { notAnalysed } from './not-analysed';

export const NOTEBOOK_FAMILY = defineFamily({
  id: 'notebook',
  title: 'Notebook file',
  intro: ``,
  rules: [internalError, invalidJson, schemaViolation, unsupportedFormat, syntaxError, notAnalysed],
});
