// NH401 unseeded-randomness: Random numbers are drawn with no seed set before them, so every run gives other results.
import { unseededRandomness as check } from './checks';
import { defineRule } from '../rule';

export const unseededRandomness = defineRule({
  code: 'NH401',
  name: 'unseeded-randomness',
  family: 'reproducibility',
  defaultSeverity: 'warning',
  summary: 'Random numbers are drawn with no seed set before them, so every run gives other results.',
  docs: `\`random\`, \`numpy.random\` (legacy functions, and \`default_rng()\`/\`RandomState()\` without a
seed), \`torch\`, \`tensorflow\` draws, and scikit-learn calls that take \`random_state\` (splitters, estimators,
\`shuffle\`, \`make_*\`) with no seed set anywhere before them in notebook order. A seed set in an earlier cell, or by a
notebook function that is called before (\`set_seed(42)\`), counts; so does a generator passed in (\`generator=g\`).

\`\`\`python
X_train, X_test = train_test_split(X)   # NH401
\`\`\`
*Fix:* add \`random_state=SEED\` to the call, or a seed block after the imports (one \`SEED = 42\` used for every
library in use: \`random.seed(SEED)\`, \`np.random.seed(SEED)\`, \`torch.manual_seed(SEED)\`, \`tf.random.set_seed(SEED)\`).`,
  run: check,
});
