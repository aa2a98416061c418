// NH401 asks the notebook's imports what a callee is, never the cell's text: a draw through an alias the text does not
// spell (`th.randn`) or a function imported in an earlier cell (`rand` from numpy.random) is still a draw.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf } from '../helpers/notebook';

describe('NH401 resolves callees through the notebook imports', () => {
  it('flags a draw through a module alias: import torch as th; th.randn(3)', async () => {
    assert.deepEqual(await findingsOf('NH401', ['import torch as th\nth.randn(3)']), ['1:2:1']);
  });

  it('flags a function imported from numpy.random in an earlier cell and called in a later one', async () => {
    assert.deepEqual(await findingsOf('NH401', ['from numpy.random import rand', 'rand(3)']), ['2:1:1']);
  });

  it('flags a function imported under another name: from random import randint as ri', async () => {
    assert.deepEqual(await findingsOf('NH401', ['from random import randint as ri', 'ri(1, 6)']), ['2:1:1']);
  });

  it('accepts the same calls once the library is seeded through its alias', async () => {
    assert.deepEqual(await findingsOf('NH401', ['import torch as th\nth.manual_seed(0)\nth.randn(3)']), []);
    assert.deepEqual(await findingsOf('NH401', ['import numpy as np\nfrom numpy.random import rand\nnp.random.seed(0)', 'rand(3)']), []);
  });

  it('does not take a notebook function named like a numpy one for a draw', async () => {
    assert.deepEqual(await findingsOf('NH401', ['def rand(n):\n    return [0] * n', 'rand(3)']), []);
  });
});
