// The reproducibility rules (NH401–NH406), in code order: the order they run in and the docs list them in.
import { defineFamily } from '../rule';
import { unseededRandomness } from './unseeded-randomness';
import { machineSpecificPath } from './machine-specific-path';
import { hardCodedSecret } from './hard-coded-secret';
import { savedErrorOutput } from './saved-error-output';
import { oversizedOutput } from './oversized-output';
import { environmentDependentMagic } from './environment-dependent-magic';

export const REPRODUCIBILITY_FAMILY = defineFamily({
  id: 'reproducibility',
  title: 'Reproducibility',
  intro: `Results that change on every run, or code that only works on the author's machine.`,
  rules: [
    unseededRandomness,
    machineSpecificPath,
    hardCodedSecret,
    savedErrorOutput,
    oversizedOutput,
    environmentDependentMagic,
  ],
});
