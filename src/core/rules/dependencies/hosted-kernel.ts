// Notebooks saved from Colab or Kaggle, whose hosted runtime is the environment the notebook runs in.
import type { RuleContext } from '../context';

/** Kaggle Learn's course tooling marks cells `#$HIDE_INPUT$`, `#$NEXT_NOTEBOOK_URL$` and the like for its kernels. */
const KAGGLE_LEARN_MARKER = /#\$[A-Z][A-Z_]*\$/;

/**
 * The notebook was saved from a hosted kernel (Colab, Kaggle): its image is one environment, so `pip` on the PATH
 * belongs to the kernel's own Python, and the runtime, not a manifest, provides what the notebook imports.
 */
export function savedFromHostedKernel(ctx: RuleContext): boolean {
  const metadata = ctx.notebook.metadata;
  if ('colab' in metadata || 'kaggle' in metadata) return true;
  if (ctx.notebook.cells.some((cell) => KAGGLE_LEARN_MARKER.test(cell.source))) return true;
  return ctx.model.codeCells.some(
    ({ analysis }) =>
      analysis.facts.imports.some(
        (fact) =>
          /^(?:google\.colab|kaggle_secrets)(?:\.|$)/.test(fact.module) ||
          fact.bindings.some(([, target]) => target.startsWith('google.colab')),
      ) ||
      // A Kaggle dataset path in a string (escapes masked, so an install's own `-t /kaggle/working` does not count).
      /["']\/kaggle\/(?:input|working)\b/.test(analysis.scanned.python),
  );
}
