// NH502 data-leakage: A preprocessing step is fitted on data before the train/test split, or a model is evaluated on the data it was fitted on.
import { findLeaks } from './leakage';
import type { Finding } from '../../types';
import { cellLabel, makeFinding, type RuleContext } from '../context';
import { defineRule } from '../rule';

export const dataLeakage = defineRule({
  code: 'NH502',
  name: 'data-leakage',
  family: 'data',
  defaultSeverity: 'warning',
  summary:
    'A preprocessing step is fitted on data before the train/test split, or a model is evaluated on the data it was fitted on.',
  docs: `A scikit-learn scaler, encoder, imputer, feature selector, \`PCA\` or vectorizer is fitted
(\`fit\`, \`fit_transform\`) on data that a later cell splits into train and test (\`train_test_split\`, a CV splitter,
\`cross_val_score\`), or on all of the data after it was split; or a model is scored (\`score\`, \`evaluate\`, a metric
on \`predict\`) only on the data it was fitted on. The related location points at the split (or at the fit). Not
reported: preprocessing inside a \`Pipeline\`, data assigned again between the fit and the split, code inside
functions, and notebooks that do not import scikit-learn. Classes and functions are recognised by what they were
imported as, so \`StandardScaler as SS\`, \`cross_val_score as cvs\` and the inline
\`X = StandardScaler().fit_transform(df)\` count like the plain names.

\`\`\`python
scaler = StandardScaler()
X_scaled = scaler.fit_transform(X)                           # NH502
X_train, X_test, y_train, y_test = train_test_split(X_scaled, y)
\`\`\`
*Fix:* split first and fit on the training part, or put the preprocessing in a \`Pipeline\`; score a model on the
held-out part.`,
  run: findLeakage,
});

function findLeakage(ctx: RuleContext): Finding[] {
  return findLeaks(ctx.model).map((leak) => {
    const message =
      leak.kind === 'fit-before-split'
        ? leak.crossValidation
          ? `${leak.subject} is fitted on ${leak.data} before ${cellLabel(leak.related!.cellIndex)} cross-validates on it: each validation fold's statistics leak into training; put ${leak.subject} in a Pipeline with the model`
          : `${leak.subject} is fitted on ${leak.data} before ${leak.data} is split into train and test (${cellLabel(leak.related!.cellIndex)}): statistics of the test rows leak into training; split first and fit on the training part (or use a Pipeline)`
        : leak.kind === 'fit-on-unsplit'
          ? `${leak.subject} is fitted on all of ${leak.data}, which ${leak.related ? cellLabel(leak.related.cellIndex) : 'an earlier cell'} splits into train and test: fit it on the training part only`
          : `${leak.subject} is evaluated on ${leak.data}, the data it was fitted on, and never on held-out data: the score says nothing about new data`;
    return makeFinding(ctx.notebook, {
      code: 'NH502',
      cellIndex: leak.site.cellIndex,
      range: leak.site.range,
      message,
      related: leak.related
        ? [
            {
              message:
                leak.kind === 'evaluated-on-training-data'
                  ? `${leak.subject} is fitted on ${leak.data} here`
                  : 'the split',
              cellIndex: leak.related.cellIndex,
              range: leak.related.range,
            },
          ]
        : [],
    });
  });
}
