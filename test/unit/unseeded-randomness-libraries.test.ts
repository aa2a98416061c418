// NH401 on the libraries that draw from another library's generator: scipy.stats' rvs (numpy's global generator),
// PyMC's samplers (their own seed argument, or numpy's global generator in PyMC3), Pyro's sample (torch's global
// generator) and TensorFlow Probability's sample (TensorFlow's global seed). Every callee is resolved through the
// notebook's imports, and a distribution object only when one top-level assignment binds its name.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { applyPlanToNotebookText } from '../../src/core/refactor/apply-plan';
import { check, findingsOf, notebookJson } from '../helpers/notebook';

async function messagesOf(cells: string[]): Promise<string[]> {
  return (await check(cells, ['NH401'])).findings.filter((f) => f.code === 'NH401').map((f) => f.message);
}

describe('NH401: scipy.stats rvs draws from numpy global generator', () => {
  it('flags rvs without random_state, however the distribution is imported', async () => {
    assert.deepEqual(await findingsOf('NH401', ['from scipy import stats\nx = stats.norm.rvs(size=10)']), ['1:2:5']);
    assert.deepEqual(await findingsOf('NH401', ['from scipy.stats import norm', 'x = norm.rvs(0, 1, 10)']), ['2:1:5']);
    assert.deepEqual(await findingsOf('NH401', ['import scipy.stats as st\nx = st.expon(scale=2).rvs(100)']), [
      '1:2:5',
    ]);
    // A frozen distribution of a name imported from scipy.stats (`expon().rvs` resolves through the import).
    assert.deepEqual(
      await findingsOf('NH401', ['from scipy.stats import reciprocal\nlr = reciprocal(3e-4, 3e-2).rvs(1000)']),
      ['1:2:6'],
    );
    assert.match((await messagesOf(['import scipy.stats\nscipy.stats.norm.rvs()']))[0]!, /numpy's global generator/);
  });

  it('accepts rvs given random_state (keyword, or positionally after a frozen distribution size)', async () => {
    assert.deepEqual(
      await findingsOf('NH401', ['from scipy.stats import norm\nnorm.rvs(size=10, random_state=0)']),
      [],
    );
    assert.deepEqual(await findingsOf('NH401', ['from scipy.stats import expon\nexpon(scale=1).rvs(10, 42)']), []);
    // norm.rvs(loc, scale, size, random_state): four positional arguments may carry the seed.
    assert.deepEqual(await findingsOf('NH401', ['from scipy.stats import norm\nnorm.rvs(0, 1, 10, 42)']), []);
    // dirichlet.rvs(alpha, size, random_state): a multivariate distribution takes fewer before the seed.
    assert.deepEqual(await findingsOf('NH401', ['from scipy.stats import dirichlet\ndirichlet.rvs([1, 1], 5, 0)']), []);
    assert.deepEqual(
      await findingsOf('NH401', ['from scipy.stats import multivariate_normal as mvn\nmvn([0, 0], seed=1).rvs(5)']),
      [],
    );
  });

  it('accepts rvs once numpy is seeded before it', async () => {
    assert.deepEqual(
      await findingsOf('NH401', ['import numpy as np\nfrom scipy import stats\nnp.random.seed(0)', 'stats.norm.rvs()']),
      [],
    );
  });

  it('does not take a rvs of something else for a draw', async () => {
    assert.deepEqual(await findingsOf('NH401', ['import mylib\nmylib.norm.rvs(3)']), []);
    assert.deepEqual(await findingsOf('NH401', ['from scipy import stats\nstats.norm.pdf(0.5)']), []);
  });

  it('resolves a frozen distribution bound once at top level, and nothing bound twice', async () => {
    assert.deepEqual(await findingsOf('NH401', ['from scipy.stats import expon\nd = expon(scale=1)', 'd.rvs(5)']), [
      '2:1:1',
    ]);
    assert.deepEqual(
      await findingsOf('NH401', ['from scipy.stats import expon\nd = expon(scale=1)', 'd = other()', 'd.rvs(5)']),
      [],
    );
    assert.deepEqual(
      await findingsOf('NH401', ['from scipy.stats import expon\nd = expon(scale=1)\ndef f(d):\n    return d.rvs(5)']),
      [],
    );
  });

  it('seed block fix makes scipy draws reproducible', async () => {
    const cells = ['from scipy.stats import norm', 'print(norm.rvs(size=3))'];
    const before = notebookJson(cells);
    const [finding] = (await check(cells, ['NH401'])).findings.filter((f) => f.code === 'NH401');
    assert.ok(finding && finding.fixes.length === 1);
    const after = applyPlanToNotebookText(before, finding.fixes[0]!.plan);
    const run = (text: string) => {
      const code = (JSON.parse(text) as { cells: { source: string | string[] }[] }).cells
        .map((cell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source))
        .join('\n');
      const result = spawnSync('python3', ['-c', code], { encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      return result.stdout;
    };
    assert.notEqual(run(before), run(before));
    assert.equal(run(after), run(after));
    const afterCells = (JSON.parse(after) as { cells: { source: string | string[] }[] }).cells.map((cell) =>
      Array.isArray(cell.source) ? cell.source.join('') : cell.source,
    );
    assert.deepEqual(await findingsOf('NH401', afterCells), []);
  });
});

describe('NH401: PyMC samplers', () => {
  it('flags pm.sample without random_seed even after np.random.seed (PyMC 4+ seeds from a fresh generator)', async () => {
    const cells = [
      'import numpy as np\nimport pymc as pm\nnp.random.seed(0)',
      'with model:\n    idata = pm.sample(1000)',
    ];
    assert.deepEqual(await findingsOf('NH401', cells), ['2:2:13']);
    const [finding] = (await check(cells, ['NH401'])).findings.filter((f) => f.code === 'NH401');
    assert.match(finding!.message, /random_seed/);
    // SEED is not defined above the call: the fix brings the seed cell that defines it, before the first draw.
    assert.equal(
      finding!.fixes[0]!.title,
      'Add random_seed=SEED (and a seed cell (SEED = 42 for numpy) after the imports in cell 1)',
    );
    assert.ok(finding!.fixes[0]!.plan.cellEdits.some((edit) => edit.newText.includes('random_seed=SEED')));
    assert.deepEqual(finding!.fixes[0]!.plan.cellOps, [
      {
        op: 'insert',
        before: 1,
        cell: {
          kind: 'code',
          source:
            '# Seed every random number generator the notebook uses, so each run gives the same results\nSEED = 42\nnp.random.seed(SEED)',
        },
      },
    ]);
  });

  it('accepts pm.sample with random_seed, and PyMC3 once numpy is seeded', async () => {
    assert.deepEqual(await findingsOf('NH401', ['import pymc as pm\nidata = pm.sample(random_seed=1)']), []);
    assert.deepEqual(
      await findingsOf('NH401', ['import numpy as np\nimport pymc3 as pm\nnp.random.seed(0)\ntrace = pm.sample(500)']),
      [],
    );
    assert.deepEqual(await findingsOf('NH401', ['import pymc3 as pm\ntrace = pm.sample(500)']), ['1:2:9']);
  });
});

describe('NH401: Pyro and TensorFlow Probability', () => {
  it('flags pyro.sample without obs while torch is unseeded; pyro.set_rng_seed seeds it', async () => {
    assert.deepEqual(
      await findingsOf('NH401', [
        'import pyro\nimport pyro.distributions as dist\nz = pyro.sample("z", dist.Normal(0, 1))',
      ]),
      ['1:3:5'],
    );
    assert.deepEqual(
      await findingsOf('NH401', [
        'import pyro\nimport pyro.distributions as dist\npyro.set_rng_seed(0)\nz = pyro.sample("z", dist.Normal(0, 1))',
      ]),
      [],
    );
    // An observed site returns the data: nothing is drawn.
    assert.deepEqual(
      await findingsOf('NH401', [
        'import pyro\nimport pyro.distributions as dist\npyro.sample("x", dist.Normal(0, 1), obs=x)',
      ]),
      [],
    );
  });

  it('flags a TFP distribution sample without seed, through tfd = tfp.distributions and through a bound object', async () => {
    assert.deepEqual(
      await findingsOf('NH401', [
        'import tensorflow_probability as tfp\ntfd = tfp.distributions',
        'tfd.Normal(0., 1.).sample(5)',
      ]),
      ['2:1:1'],
    );
    assert.deepEqual(
      await findingsOf('NH401', [
        'from tensorflow_probability import distributions as tfd\nd = tfd.Normal(loc=0., scale=1.)',
        'x = d.sample(5)',
      ]),
      ['2:1:5'],
    );
    assert.match(
      (await messagesOf(['import tensorflow_probability as tfp\ntfp.distributions.Normal(0., 1.).sample()']))[0]!,
      /tensorflow/,
    );
  });

  it('accepts a TFP sample given a seed or after tf.random.set_seed, and a sample of anything else', async () => {
    const tfd = 'import tensorflow as tf\nimport tensorflow_probability as tfp\ntfd = tfp.distributions';
    assert.deepEqual(await findingsOf('NH401', [tfd, 'tfd.Normal(0., 1.).sample(5, seed=1)']), []);
    assert.deepEqual(await findingsOf('NH401', [tfd, 'tfd.Normal(0., 1.).sample(5, 1)']), []);
    assert.deepEqual(await findingsOf('NH401', [tfd, 'tf.random.set_seed(0)\ntfd.Normal(0., 1.).sample(5)']), []);
    assert.deepEqual(
      await findingsOf('NH401', ['import tensorflow_probability as tfp\ntfp.distributions.Normal(0., 1.).mean()']),
      [],
    );
    assert.deepEqual(await findingsOf('NH401', ['tfd = load()\nd = tfd.Normal(0., 1.)\nd.sample(5)']), []);
  });
});
