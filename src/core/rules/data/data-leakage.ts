// NH502 data-leakage: A preprocessing step is fitted on data before the train/test split, or a model is evaluated on the data it was fitted on.
import { dataLeakage as check } from './checks';
import { defineRule } from '../rule';

export const dataLeakage = defineRule({
  code: 'NH502',
  name: 'data-leakage',
  family: 'data',
  defaultSeverity: 'warning',
  summary: 'A preprocessing step is fitted on data before the train/test split, or a model is evaluated on the data it was fitted on.',
  docs: `A scaler, encoder, imputer, feature selector or vectorizer is fitted (\`fit\`, \`fit_transform\`) on
data that a later cell splits into train and test (\`train_test_split\`, a CV splitter, \`cross_val_score\`), or on
all of the data after it was split; or a model is scored (\`score\`, a metric on \`predict\`) only on the data it was
fitted on. The related location points at the split (or at the fit).

\`\`\`python
X_scaled = StandardScaler().fit_transform(X)                 # NH502
X_train, X_test, y_train, y_test = train_test_split(X_scaled, y)
\`\`\`
*Fix:* split first and fit on the training part, or put the preprocessing in a \`Pipeline\`.`,
  run: check,
});
