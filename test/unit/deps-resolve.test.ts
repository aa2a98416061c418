// Import → distribution: standard library, local modules, installed metadata, the import map, then the name.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_IMPORT_MAP, IMPORT_MAP_ENTRIES, lookUpImportMap } from '../../src/core/deps/import-map';
import {
  distInfoFolder,
  modulesFromRecord,
  parseMetadata,
  parseTopLevel,
  readDistribution,
} from '../../src/core/deps/installed-env';
import type { InstalledEnvironment } from '../../src/core/deps/dependency-data';
import { normalizeName } from '../../src/core/deps/normalize';
import { createResolver } from '../../src/core/deps/resolve';
import { isStdlibModule, STDLIB_MODULES } from '../../src/core/deps/stdlib';

describe('standard library list', () => {
  it('covers 3.8-3.13 modules, removed ones and platform-only ones', () => {
    for (const name of [
      'os',
      'json',
      'tomllib',
      'zoneinfo',
      'graphlib',
      'distutils',
      'imp',
      'asyncore',
      'cgi',
      'telnetlib',
      'parser',
      'formatter',
      'binhex',
      'msvcrt',
      'winreg',
      '_winapi',
      'posix',
      'pwd',
      'termios',
      'fcntl',
      '_pyrepl',
      '__future__',
    ]) {
      assert.ok(STDLIB_MODULES.has(name), name);
    }
    assert.ok(isStdlibModule('os.path'));
    assert.ok(isStdlibModule('xml.etree.ElementTree'));
    for (const name of ['numpy', 'six', 'typing_extensions', 'test', 'setuptools'])
      assert.ok(!isStdlibModule(name), name);
  });
});

describe('import map', () => {
  it('has unique keys', () => {
    const keys = IMPORT_MAP_ENTRIES.map(([module]) => module);
    assert.deepEqual(
      keys.filter((key, k) => keys.indexOf(key) !== k),
      [],
    );
  });

  it('has at least 150 names, each differing from its distribution or listing alternatives', () => {
    const mapped = IMPORT_MAP_ENTRIES.filter(([, dists]) => dists.length > 0);
    assert.ok(mapped.length >= 150, `${mapped.length} entries`);
    for (const [module, dists] of mapped) {
      const list = typeof dists === 'string' ? [dists] : dists;
      const differs =
        normalizeName(module.split('.')[0]!) !== normalizeName(list[0]!) || module.includes('.') || list.length > 1;
      assert.ok(differs, `${module} needs no entry`);
    }
  });

  const expected: [string, string][] = [
    ['sklearn', 'scikit-learn'],
    ['cv2', 'opencv-python'],
    ['PIL', 'pillow'],
    ['yaml', 'PyYAML'],
    ['bs4', 'beautifulsoup4'],
    ['skimage', 'scikit-image'],
    ['dateutil', 'python-dateutil'],
    ['google.cloud.storage.blob', 'google-cloud-storage'],
    ['google.protobuf.message', 'protobuf'],
    ['mpl_toolkits.mplot3d', 'matplotlib'],
    ['mpl_toolkits.basemap', 'basemap'],
  ];
  for (const [module, dist] of expected) {
    it(`${module} → ${dist}`, () => assert.equal(lookUpImportMap(DEFAULT_IMPORT_MAP, module)?.distributions[0], dist));
  }
});

describe('installed environment files', () => {
  it('reads METADATA headers, not the description below them', () => {
    assert.deepEqual(
      parseMetadata('Metadata-Version: 2.1\nName: scikit-learn\nVersion: 1.5.0\nSummary: x\n\nName: not-this\n'),
      { name: 'scikit-learn', version: '1.5.0' },
    );
    assert.deepEqual(distInfoFolder('scikit_learn-1.5.0.dist-info'), { name: 'scikit_learn', version: '1.5.0' });
    assert.deepEqual(parseTopLevel('sklearn\n\n'), ['sklearn']);
  });

  it('reads module prefixes from RECORD, going down into namespace packages', () => {
    const record = [
      'google/cloud/storage/__init__.py,sha256=a,10',
      'google/cloud/storage/blob.py,sha256=b,20',
      'google/cloud/storage/__pycache__/blob.cpython-311.pyc,,',
      'google_cloud_storage-2.16.0.dist-info/METADATA,sha256=c,30',
      '../../bin/gcs,sha256=d,1',
    ].join('\n');
    assert.deepEqual(modulesFromRecord(record), ['google.cloud.storage']);
    assert.deepEqual(
      modulesFromRecord(
        'six.py,,\n_cffi_backend.cpython-311-x86_64-linux-gnu.so,,\nyaml/__init__.py,,\nyaml/nodes.py,,\n',
      ),
      ['_cffi_backend', 'six', 'yaml'],
    );
  });

  it('falls back to the folder name without METADATA', () => {
    const dist = readDistribution({
      path: '/x/six-1.16.0.dist-info',
      folderName: 'six-1.16.0.dist-info',
      metadata: null,
      topLevel: 'six\n',
      record: null,
    });
    assert.deepEqual(dist && [dist.name, dist.version, dist.modules], ['six', '1.16.0', ['six']]);
  });
});

describe('resolving imports', () => {
  const installed: InstalledEnvironment = {
    sitePackages: '/env',
    distributions: [
      { name: 'scikit-learn', key: 'scikit-learn', version: '1.5.0', modules: ['sklearn'], path: '/env/a' },
      {
        name: 'opencv-python-headless',
        key: 'opencv-python-headless',
        version: '4.9.0.80',
        modules: ['cv2'],
        path: '/env/b',
      },
      {
        name: 'google-cloud-storage',
        key: 'google-cloud-storage',
        version: '2.16.0',
        modules: ['google.cloud.storage'],
        path: '/env/c',
      },
    ],
  };
  const resolver = createResolver({
    localModules: ['helpers', 'os_tools'],
    installed,
    importMapExtensions: { internal_lib: ['acme-internal'], sagemaker_runtime: [] },
  });
  const how = (module: string, level = 0) => {
    const r = resolver.resolve(module, level);
    return `${r.how}:${r.distribution ?? '-'}`;
  };

  it('resolves in order: stdlib, local, installed, import map, name', () => {
    assert.equal(how('os.path'), 'stdlib:-');
    assert.equal(how('helpers.io'), 'local:-');
    assert.equal(how('utils', 1), 'local:-');
    assert.equal(how('sklearn.model_selection'), 'installed:scikit-learn');
    assert.equal(how('google.cloud.storage'), 'installed:google-cloud-storage');
    assert.equal(how('google.cloud.bigquery'), 'import-map:google-cloud-bigquery');
    assert.equal(how('PIL.Image'), 'import-map:pillow');
    assert.equal(how('internal_lib'), 'import-map:acme-internal');
    assert.equal(how('sagemaker_runtime'), 'import-map:-');
    assert.equal(how('IPython.display'), 'import-map:-');
    assert.equal(how('Sentence_Transformers'), 'name:Sentence_Transformers');
  });

  it('lets any build of a module declare it', () => {
    assert.deepEqual(resolver.resolve('cv2', 0).keys, [
      'opencv-python-headless',
      'opencv-python',
      'opencv-contrib-python',
      'opencv-contrib-python-headless',
    ]);
    assert.equal(resolver.resolve('sentence_transformers', 0).keys[0], 'sentence-transformers');
  });

  it('knows the installed version of a distribution found by the map', () => {
    const r = createResolver({
      localModules: [],
      installed: {
        sitePackages: '/e',
        distributions: [{ name: 'Pillow', key: 'pillow', version: '10.3.0', modules: [], path: '/e/p' }],
      },
    }).resolve('PIL', 0);
    assert.equal(r.installed?.version, '10.3.0');
  });
});
