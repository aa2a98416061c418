// PEP 503 name normalisation: the one way names are compared (`Scikit_Learn` is `scikit-learn`).

export function normalizeName(name: string): string {
  return name
    .trim()
    .replace(/[-_.]+/g, '-')
    .toLowerCase();
}

export function sameDistribution(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

/** The module name a distribution most likely installs when nothing better is known: `python-dateutil` → `python_dateutil`. */
export function importNameGuess(distribution: string): string {
  return normalizeName(distribution).replace(/-/g, '_');
}

/** The top-level package of a dotted module name: `sklearn.model_selection` → `sklearn`. */
export function topLevelModule(module: string): string {
  const dot = module.indexOf('.');
  return dot < 0 ? module : module.slice(0, dot);
}
