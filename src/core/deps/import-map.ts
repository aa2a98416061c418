// Import names whose distribution has another name (`import sklearn` comes from scikit-learn). Keys are module names
// (dotted for namespace packages: the longest matching prefix wins); values are the distribution, or the preferred
// distribution followed by the others that install the same module (cv2 comes from four OpenCV builds).
// Names that only differ by PEP 503 normalisation (`sentence_transformers`) need no entry. An empty list marks a
// module the kernel or the hosted runtime provides (IPython, google.colab): it is never checked against manifests.

type Entry = readonly [module: string, distributions: string | readonly string[]];

export const IMPORT_MAP_ENTRIES: readonly Entry[] = [
  // provided by the kernel or the hosted runtime itself, never declared: an empty list
  ['IPython', []],
  ['ipykernel', []],
  ['google.colab', []],
  ['kaggle_secrets', []],
  ['kaggle_datasets', []],
  // the scientific stack
  ['sklearn', 'scikit-learn'],
  ['skimage', 'scikit-image'],
  ['skbio', 'scikit-bio'],
  ['skopt', 'scikit-optimize'],
  ['skmultilearn', 'scikit-multilearn'],
  ['skfuzzy', 'scikit-fuzzy'],
  ['sklearn_extra', 'scikit-learn-extra'],
  ['sksurv', 'scikit-survival'],
  ['skrf', 'scikit-rf'],
  ['skvideo', 'scikit-video'],
  ['imblearn', 'imbalanced-learn'],
  ['umap', 'umap-learn'],
  ['community', 'python-louvain'],
  ['autosklearn', 'auto-sklearn'],
  ['pycrfsuite', 'python-crfsuite'],
  ['talib', 'TA-Lib'],
  ['janitor', 'pyjanitor'],
  ['mpl_toolkits.basemap', 'basemap'],
  ['mpl_toolkits', 'matplotlib'],
  ['pylab', 'matplotlib'],
  ['osgeo', 'GDAL'],
  ['Bio', 'biopython'],
  ['dateutil', 'python-dateutil'],
  ['yaml', 'PyYAML'],
  ['ruamel', 'ruamel.yaml'],
  ['attr', 'attrs'],
  ['pkg_resources', 'setuptools'],
  ['pyximport', 'Cython'],
  ['_cffi_backend', 'cffi'],
  ['psycopg2', ['psycopg2', 'psycopg2-binary']],
  [
    'tensorflow',
    ['tensorflow', 'tensorflow-cpu', 'tensorflow-gpu', 'tensorflow-macos', 'tf-nightly', 'intel-tensorflow'],
  ],
  ['onnxruntime', ['onnxruntime', 'onnxruntime-gpu', 'onnxruntime-directml']],
  ['xgboost', ['xgboost', 'xgboost-cpu']],
  ['fasttext', ['fasttext', 'fasttext-wheel']],
  ['cupy', ['cupy', 'cupy-cuda12x', 'cupy-cuda11x']],
  ['faiss', ['faiss-cpu', 'faiss-gpu', 'faiss-gpu-cu12']],
  ['paddle', ['paddlepaddle', 'paddlepaddle-gpu']],
  ['mxnet', ['mxnet', 'mxnet-cu112', 'mxnet-mkl']],
  ['pynvml', ['nvidia-ml-py', 'pynvml']],
  // images, video, audio
  ['cv2', ['opencv-python', 'opencv-python-headless', 'opencv-contrib-python', 'opencv-contrib-python-headless']],
  ['PIL', ['pillow', 'Pillow-SIMD']],
  ['fitz', 'PyMuPDF'],
  ['pdfminer', 'pdfminer.six'],
  ['tabula', 'tabula-py'],
  ['camelot', 'camelot-py'],
  ['OpenGL', 'PyOpenGL'],
  ['ffmpeg', 'ffmpeg-python'],
  ['vlc', 'python-vlc'],
  ['whisper', 'openai-whisper'],
  ['speech_recognition', 'SpeechRecognition'],
  ['magic', ['python-magic', 'python-magic-bin']],
  ['cairo', 'pycairo'],
  ['gi', 'PyGObject'],
  ['wx', 'wxPython'],
  ['Xlib', 'python-xlib'],
  ['jnius', 'pyjnius'],
  // machine learning and LLM tooling
  ['haiku', 'dm-haiku'],
  ['tree', 'dm-tree'],
  ['sonnet', 'dm-sonnet'],
  ['kerastuner', 'keras-tuner'],
  ['official', 'tf-models-official'],
  ['pl_bolts', 'lightning-bolts'],
  ['llama_cpp', 'llama-cpp-python'],
  ['weaviate', 'weaviate-client'],
  ['pinecone', ['pinecone', 'pinecone-client']],
  ['hydra', 'hydra-core'],
  ['gin', 'gin-config'],
  ['absl', 'absl-py'],
  ['gflags', 'python-gflags'],
  ['spellchecker', 'pyspellchecker'],
  ['enchant', 'pyenchant'],
  ['Levenshtein', ['levenshtein', 'python-Levenshtein']],
  ['wikipediaapi', 'Wikipedia-API'],
  ['newspaper', 'newspaper3k'],
  ['readability', 'readability-lxml'],
  ['xdg', 'pyxdg'],
  ['airflow', 'apache-airflow'],
  ['docx', 'python-docx'],
  ['pptx', 'python-pptx'],
  // Google
  ['google.protobuf', 'protobuf'],
  ['google.auth', 'google-auth'],
  ['google.oauth2', 'google-auth'],
  ['google.api_core', 'google-api-core'],
  ['google.generativeai', 'google-generativeai'],
  ['google.genai', 'google-genai'],
  ['googleapiclient', 'google-api-python-client'],
  ['apiclient', 'google-api-python-client'],
  ['vertexai', 'google-cloud-aiplatform'],
  ['google.cloud.aiplatform', 'google-cloud-aiplatform'],
  ['google.cloud.storage', 'google-cloud-storage'],
  ['google.cloud.bigquery', 'google-cloud-bigquery'],
  ['google.cloud.bigquery_storage', 'google-cloud-bigquery-storage'],
  ['google.cloud.pubsub', 'google-cloud-pubsub'],
  ['google.cloud.pubsub_v1', 'google-cloud-pubsub'],
  ['google.cloud.firestore', 'google-cloud-firestore'],
  ['google.cloud.translate', 'google-cloud-translate'],
  ['google.cloud.translate_v2', 'google-cloud-translate'],
  ['google.cloud.vision', 'google-cloud-vision'],
  ['google.cloud.language', 'google-cloud-language'],
  ['google.cloud.speech', 'google-cloud-speech'],
  ['google.cloud.texttospeech', 'google-cloud-texttospeech'],
  ['google.cloud.secretmanager', 'google-cloud-secret-manager'],
  ['google.cloud.logging', 'google-cloud-logging'],
  ['google.cloud.datastore', 'google-cloud-datastore'],
  ['google.cloud.spanner', 'google-cloud-spanner'],
  ['google.cloud.dataproc', 'google-cloud-dataproc'],
  ['google.cloud.documentai', 'google-cloud-documentai'],
  ['grpc', 'grpcio'],
  ['grpc_tools', 'grpcio-tools'],
  // Microsoft, AWS, Databricks, Snowflake
  ['azure.storage.blob', 'azure-storage-blob'],
  ['azure.storage.filedatalake', 'azure-storage-file-datalake'],
  ['azure.identity', 'azure-identity'],
  ['azure.core', 'azure-core'],
  ['azure.ai.ml', 'azure-ai-ml'],
  ['azure.cosmos', 'azure-cosmos'],
  ['azure.keyvault.secrets', 'azure-keyvault-secrets'],
  ['azureml.core', 'azureml-core'],
  ['win32api', 'pywin32'],
  ['win32com', 'pywin32'],
  ['win32con', 'pywin32'],
  ['win32gui', 'pywin32'],
  ['pythoncom', 'pywin32'],
  ['pywintypes', 'pywin32'],
  ['win32file', 'pywin32'],
  ['win32process', 'pywin32'],
  ['win32clipboard', 'pywin32'],
  ['win32event', 'pywin32'],
  ['win32service', 'pywin32'],
  ['snowflake.connector', 'snowflake-connector-python'],
  ['snowflake.snowpark', 'snowflake-snowpark-python'],
  ['databricks.sql', 'databricks-sql-connector'],
  ['databricks.connect', 'databricks-connect'],
  ['databricks.sdk', 'databricks-sdk'],
  // web, data access, services
  ['bs4', 'beautifulsoup4'],
  ['dotenv', 'python-dotenv'],
  ['decouple', 'python-decouple'],
  ['jwt', 'PyJWT'],
  ['jose', 'python-jose'],
  ['multipart', 'python-multipart'],
  ['slugify', 'python-slugify'],
  ['socketio', 'python-socketio'],
  ['engineio', 'python-engineio'],
  ['telegram', 'python-telegram-bot'],
  ['discord', 'discord.py'],
  ['facebook', 'facebook-sdk'],
  ['rest_framework', 'djangorestframework'],
  ['websocket', 'websocket-client'],
  ['socks', 'PySocks'],
  ['dns', 'dnspython'],
  ['git', 'GitPython'],
  ['github', 'PyGithub'],
  ['gitlab', 'python-gitlab'],
  ['jenkins', 'python-jenkins'],
  ['consul', 'python-consul'],
  ['nmap', 'python-nmap'],
  ['whois', 'python-whois'],
  ['ldap', 'python-ldap'],
  ['kafka', 'kafka-python'],
  ['cassandra', 'cassandra-driver'],
  ['MySQLdb', 'mysqlclient'],
  ['bson', 'pymongo'],
  ['gridfs', 'pymongo'],
  ['snappy', 'python-snappy'],
  ['zmq', 'pyzmq'],
  ['Crypto', ['pycryptodome', 'pycrypto']],
  ['Cryptodome', 'pycryptodomex'],
  ['OpenSSL', 'pyOpenSSL'],
  ['nacl', 'PyNaCl'],
  ['serial', 'pyserial'],
  ['usb', 'pyusb'],
  ['RPi', 'RPi.GPIO'],
  ['board', 'Adafruit-Blinka'],
  ['busio', 'Adafruit-Blinka'],
  ['web', 'web.py'],
  ['markdown_it', 'markdown-it-py'],
  ['past', 'future'],
  ['libfuturize', 'future'],
];

export type ImportMap = ReadonlyMap<string, readonly string[]>;

function asList(value: string | readonly string[]): readonly string[] {
  return typeof value === 'string' ? [value] : value;
}

export const DEFAULT_IMPORT_MAP: ImportMap = new Map(
  IMPORT_MAP_ENTRIES.map(([module, dists]) => [module, asList(dists)]),
);

/**
 * The curated map with a project's `[tool.nbhygiene.import-map]` on top (its entries replace curated ones).
 * An empty list means "provided by the platform": the import is not checked against the manifests.
 */
export function extendImportMap(
  base: ImportMap,
  extensions: Readonly<Record<string, string | readonly string[]>>,
): ImportMap {
  if (Object.keys(extensions).length === 0) return base;
  const merged = new Map(base);
  for (const [module, dists] of Object.entries(extensions))
    merged.set(
      module,
      asList(dists).filter((name) => name.trim() !== ''),
    );
  return merged;
}

/** The entry for the longest dotted prefix of `module` that the map knows, with the prefix it matched. */
export function lookUpImportMap(
  map: ImportMap,
  module: string,
): { prefix: string; distributions: readonly string[] } | null {
  let prefix = module;
  for (;;) {
    const found = map.get(prefix);
    if (found) return { prefix, distributions: found };
    const dot = prefix.lastIndexOf('.');
    if (dot < 0) return null;
    prefix = prefix.slice(0, dot);
  }
}
