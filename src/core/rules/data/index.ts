// The data validation rules (NH501–NH503), in code order: the order they run in and the docs list them in.
import { defineFamily } from '../rule';
import { unvalidatedDataLoad } from './unvalidated-data-load';
import { dataLeakage } from './data-leakage';
import { noDriftBaseline } from './no-drift-baseline';

export const DATA_FAMILY = defineFamily({
  id: 'data',
  title: 'Data validation',
  intro: ``,
  rules: [unvalidatedDataLoad, dataLeakage, noDriftBaseline],
});
