// NH503 no-drift-baseline: A model is trained and saved without statistics of its training data to compare live inputs against.
import { noDriftBaseline as check } from './checks';
import { defineRule } from '../rule';

export const noDriftBaseline = defineRule({
  code: 'NH503',
  name: 'no-drift-baseline',
  family: 'data',
  defaultSeverity: 'info',
  summary: 'A model is trained and saved without statistics of its training data to compare live inputs against.',
  docs: `The notebook trains a model and saves it (\`joblib.dump\`, \`pickle.dump\`, \`torch.save\`,
\`model.save\`, \`save_pretrained\`, \`mlflow.*.log_model\`) without saving statistics of its training data.
*Fix:* a block after the save that writes \`pd.DataFrame(X_train).describe(include="all")\` as JSON next to the
model (\`model_baseline.json\`), for a monitoring job to compare live inputs against.`,
  run: check,
});
