// NH401's seed block: `SEED = 42` and one seeding call per random number library the notebook uses.

export const SEED_VALUE = 42;

export interface SeedLibrary {
  /** How the code refers to the module (`np`, `tf`), or null when it must be imported. */
  alias: string | null;
  module: 'random' | 'numpy' | 'torch' | 'tensorflow';
  /** The seed block imports the module under `alias` itself (the notebook's import of it runs after the block). */
  importAs?: string;
}

const SEED_CALL: Record<SeedLibrary['module'], (name: string) => string> = {
  random: (name) => `${name}.seed(SEED)`,
  numpy: (name) => `${name}.random.seed(SEED)`,
  torch: (name) => `${name}.manual_seed(SEED)`,
  tensorflow: (name) => `${name}.random.set_seed(SEED)`,
};

/** `SEED = 42` and one seeding call per library in use. */
export function seedBlock(libraries: SeedLibrary[], defineSeed: boolean): string {
  const lines = ['# Seed every random number generator the notebook uses, so each run gives the same results'];
  for (const lib of libraries) {
    if (lib.alias === null) lines.push(`import ${lib.module}`);
    else if (lib.importAs)
      lines.push(lib.importAs === lib.module ? `import ${lib.module}` : `import ${lib.module} as ${lib.importAs}`);
  }
  if (defineSeed) lines.push(`SEED = ${SEED_VALUE}`);
  for (const lib of libraries) lines.push(SEED_CALL[lib.module](lib.alias ?? lib.module));
  return lines.join('\n');
}
