// Machine-specific paths: absolute or home paths in string literals that reach a read or a write.

/** `/home/…`, `/Users/…`, `C:\…`, `~/…`, `/content/…`, `/kaggle/…`, `/mnt/…` and other absolute paths of a file system. */
const MACHINE_PATH =
  /^(?:~[/\\]|[A-Za-z]:[\\/]|\\\\[^\\]+\\|\/(?:home|Users|root|mnt|media|data|content|kaggle|opt|srv|tmp|var|workspace|scratch|gpfs|net|Volumes|drive)(?:\/|$))/;
/** Absolute paths that are the same on every machine of a kind (devices, system files). */
const PORTABLE = /^\/(?:dev|proc|sys|etc|usr|bin)\//;

export function isMachineSpecificPath(value: string): boolean {
  if (value.length < 3 || value.length > 400 || /[\n<>|*?"]/.test(value.replace(/^[A-Za-z]:/, ''))) return false;
  if (/^[a-z][\w+.-]*:\/\//i.test(value)) return false; // URLs
  return MACHINE_PATH.test(value) && !PORTABLE.test(value);
}

/** Calls that read or write files, or build a path for one (last segment of the callee). */
const IO_CALL =
  /^(?:open|read_\w+|scan_\w+|to_\w+|load\w*|save\w*|dump|loadtxt|savetxt|genfromtxt|fromfile|tofile|imread|imwrite|imsave|savefig|Path|join|chdir|listdir|scandir|walk|glob|iglob|makedirs|mkdir|exists|isfile|isdir|copy\w*|move|rmtree|remove|unlink|rename|ZipFile|TarFile|File|Dataset|ImageFolder|from_pretrained|save_pretrained|load_model|save_model|read|csv|parquet|json|text|format|DataLoader|image_dataset_from_directory|flow_from_directory|read_image|SummaryWriter|FileHandler|connect|create_engine|download|urlretrieve|extractall|basicConfig|log_artifact\w*|set_tracking_uri)$/;
/** Names that hold a path: `DATA_PATH = '/home/…'`. */
const PATH_NAME =
  /(?:path|dir|directory|file|fname|filename|root|folder|location|loc|out|output|input|dest|src|source|csv|data)s?$/i;

export function isIoCall(method: string): boolean {
  return IO_CALL.test(method);
}

export function isPathName(name: string): boolean {
  return PATH_NAME.test(name);
}

/** The deepest folder all paths share ('' when none). */
export function commonFolder(paths: string[]): string {
  const split = paths.map((p) => p.replace(/\\/g, '/').split('/').slice(0, -1));
  if (split.length === 0) return '';
  let common = split[0]!;
  for (const parts of split.slice(1)) {
    let k = 0;
    while (k < common.length && k < parts.length && common[k] === parts[k]) k++;
    common = common.slice(0, k);
  }
  return common.join('/');
}
