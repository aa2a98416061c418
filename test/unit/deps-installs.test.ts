// Installs written in cells: which tool, whether it reaches the kernel's environment, and each package with its range.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findInstalls, type InstallCommand } from '../../src/core/deps/installs';
import { scanCell } from '../../src/core/python/scanner';
import type { Range } from '../../src/core/types';

function installs(source: string): InstallCommand[] {
  return findInstalls(0, source, scanCell(source).escapes);
}

function textAt(source: string, range: Range): string {
  const lines = source.split('\n');
  if (range.start.line === range.end.line)
    return lines[range.start.line]!.slice(range.start.character, range.end.character);
  return [
    lines[range.start.line]!.slice(range.start.character),
    ...lines.slice(range.start.line + 1, range.end.line),
    lines[range.end.line]!.slice(0, range.end.character),
  ].join('\n');
}

function packages(source: string): string[] {
  return installs(source).flatMap((install) =>
    install.packages.map(
      (p) => `${p.key}${p.specifier ? ` ${p.specifier}` : ''}${p.pinned ? ' pinned' : ''} [${textAt(source, p.range)}]`,
    ),
  );
}

describe('finding installs', () => {
  it('reads %pip, !pip and automagic pip with several packages and flags', () => {
    assert.deepEqual(packages('%pip install -q -U numpy pandas==2.2.1'), [
      'numpy [numpy]',
      'pandas ==2.2.1 pinned [pandas==2.2.1]',
    ]);
    assert.deepEqual(packages('!pip install --upgrade --quiet "scikit-learn>=1.3" transformers[torch]'), [
      'scikit-learn >=1.3 ["scikit-learn>=1.3"]',
      'transformers [transformers[torch]]',
    ]);
    assert.deepEqual(packages('pip install requests'), ['requests [requests]']);
  });

  it('tells kernel installs from PATH installs', () => {
    const kinds = (source: string) =>
      installs(source).map((i) => `${i.tool}/${i.via}/${i.outsideKernel ? 'PATH' : 'kernel'}`);
    assert.deepEqual(kinds('%pip install x'), ['pip/magic/kernel']);
    assert.deepEqual(kinds('!pip install x'), ['pip/shell/PATH']);
    assert.deepEqual(kinds('!pip3 install x'), ['pip/shell/PATH']);
    assert.deepEqual(kinds('!python -m pip install x'), ['pip/shell/PATH']);
    assert.deepEqual(kinds('!python3.11 -m pip install x'), ['pip/shell/PATH']);
    assert.deepEqual(kinds('!{sys.executable} -m pip install x'), ['pip/shell/kernel']);
    assert.deepEqual(kinds('%conda install -y x'), ['conda/magic/kernel']);
    assert.deepEqual(kinds('%mamba install x'), ['conda/magic/kernel']);
    assert.deepEqual(kinds('%uv pip install x'), ['uv/magic/kernel']);
    assert.deepEqual(kinds('pip install x'), ['pip/automagic/kernel']);
  });

  it('ignores other pip subcommands and other commands', () => {
    assert.deepEqual(installs('!pip list\n%pip show numpy\n!pip uninstall -y numpy\n!apt-get install -y git\n!ls'), []);
  });

  it('covers the installer words for the %pip rewrite', () => {
    const source = 'x = 1\n!python -m pip install numpy';
    const [install] = installs(source);
    assert.equal(textAt(source, install!.commandRange), '!python -m pip');
    assert.equal(install!.alone, true);
  });

  it('reads -r files, skips option values, and keeps URLs and conda specs', () => {
    const [pip] = installs('%pip install -r requirements.txt --index-url https://x/simple -c constraints.txt torch');
    assert.deepEqual(
      pip!.requirementFiles.map((f) => f.path),
      ['requirements.txt'],
    );
    assert.deepEqual(
      pip!.packages.map((p) => p.key),
      ['torch'],
    );
    assert.deepEqual(packages('!pip install git+https://github.com/openai/CLIP.git'), [
      'clip git+https://github.com/openai/CLIP.git [git+https://github.com/openai/CLIP.git]',
    ]);
    assert.deepEqual(packages('%conda install -c conda-forge numpy=1.26 "pandas==2.2.1" python=3.11 -y'), [
      'numpy =1.26 [numpy=1.26]',
      'pandas ==2.2.1 pinned ["pandas==2.2.1"]',
    ]);
  });

  it('splits chained commands and drops redirections and comments', () => {
    const source = '!pip install a > /dev/null 2>&1 && pip install b==1.0 # quiet';
    assert.deepEqual(packages(source), ['a [a]', 'b ==1.0 pinned [b==1.0]']);
    assert.ok(installs(source).every((i) => !i.alone));
  });

  it('follows backslash continuations with each package on its own line', () => {
    const source = '%pip install \\\n    numpy \\\n    "pandas>=2"';
    const found = installs(source)[0]!.packages;
    assert.deepEqual(
      found.map((p) => `${p.key}@${p.range.start.line}:${p.range.start.character}`),
      ['numpy@1:4', 'pandas@2:4'],
    );
    assert.equal(textAt(source, found[1]!.pinEdit!.range), '>=2');
  });

  it('reads an unquoted >= as the shell does: a redirection, so the package is unpinned and not pinned by an edit', () => {
    const [request] = installs('!pip install pandas>=2')[0]!.packages;
    assert.equal(request!.specifier, '');
    assert.equal(request!.pinEdit, null);
  });

  it('skips variables and local paths', () => {
    assert.deepEqual(packages('%pip install {pkg} $PKG ./mylib . numpy'), ['numpy [numpy]']);
  });

  it('finds installs inside blocks and after an assignment', () => {
    const source = 'if IN_COLAB:\n    !pip install -q datasets\nout = !pip install evaluate';
    const found = installs(source);
    assert.deepEqual(
      found.map((i) => `${i.packages[0]!.key}@${i.packages[0]!.range.start.line}:${i.alone}`),
      ['datasets@1:true', 'evaluate@2:false'],
    );
  });

  it("points a quoted package's pin at the text inside the quotes", () => {
    const source = "%pip install 'numpy>=1.2'";
    const [request] = installs(source)[0]!.packages;
    assert.equal(textAt(source, request!.pinEdit!.range), '>=1.2');
  });
});
