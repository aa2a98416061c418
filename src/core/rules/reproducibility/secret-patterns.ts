// Credentials by their well-known formats, and the `password=`/`token=`/`api_key=` literals. Messages name the kind,
// never the value.

export interface SecretKind {
  kind: string;
  /** The environment variable the fix reads it from. */
  envName: string;
  pattern: RegExp;
}

export const SECRET_FORMATS: readonly SecretKind[] = [
  { kind: 'AWS access key id', envName: 'AWS_ACCESS_KEY_ID', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  {
    kind: 'GitHub token',
    envName: 'GITHUB_TOKEN',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/,
  },
  { kind: 'OpenAI API key', envName: 'OPENAI_API_KEY', pattern: /\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{32,}/ },
  { kind: 'Google API key', envName: 'GOOGLE_API_KEY', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { kind: 'Slack token', envName: 'SLACK_TOKEN', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  { kind: 'Hugging Face token', envName: 'HF_TOKEN', pattern: /\bhf_[A-Za-z0-9]{30,}\b/ },
  {
    kind: 'private key',
    envName: 'PRIVATE_KEY',
    pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----/,
  },
  {
    kind: 'JSON Web Token',
    envName: 'JWT_TOKEN',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
  },
];

/**
 * A quick test every text passes first: most cells and outputs contain none of these. Each format above needs one of
 * them literally, so a text this rejects cannot hold a format: the test changes how fast, never what is found.
 */
const SECRET_FORMAT_PRECHECK = /AKIA|ASIA|gh[pousr]_|github_pat_|sk-|AIza|xox[abprs]-|hf_|PRIVATE KEY|eyJ/;

export function findSecretFormat(text: string): SecretKind | null {
  if (!SECRET_FORMAT_PRECHECK.test(text)) return null;
  for (const format of SECRET_FORMATS) if (format.pattern.test(text)) return format;
  return null;
}

const SECRET_NAME_WORDS = 'password|passwd|pwd|token|api_?key|apikey|secret|secret_?key|access_?key|auth';

/** Names whose string value is a credential: `password`, `api_key`, `auth_token`, `secret_key`... */
export const SECRET_NAME = new RegExp(`^(?:.*_)?(?:${SECRET_NAME_WORDS})$`, 'i');

const SECRET_NAME_PRECHECK = new RegExp(SECRET_NAME_WORDS, 'i');

/**
 * Whether Python text may hold a string literal NH403 reports, asked before the text is tokenized: a format needs one
 * of its literals in the string's value, which is the text between the quotes with only the escapes of a quote, a
 * backslash, n and t resolved (none of those characters is in a literal), and a credential name is a word of the text.
 */
export function mayHoldSecretString(python: string): boolean {
  return SECRET_FORMAT_PRECHECK.test(python) || SECRET_NAME_PRECHECK.test(python);
}

const HASH_NAME = /hash|sha\d*|md5|digest|checksum|fingerprint|etag/i;

/** Values that are clearly not a credential: placeholders, empty strings, environment look-ups, digests of files. */
export function isPlaceholder(value: string, name: string): boolean {
  const v = value.trim();
  if (v.length < 6) return true;
  if (/\s/.test(v) && !v.includes('PRIVATE KEY')) return true;
  if (
    /^(?:<.*>|\{.*\}|\$\{?\w+\}?|%\(?\w*\)?s|x+|\*+|\.+|your[_-].*|.*[_-]here|changeme|password|secret|token|none|null|test|dummy|example.*|placeholder|hf_\.\.\.)$/i.test(
      v,
    )
  )
    return true;
  if (/^[A-Z][A-Z0-9_]+$/.test(v)) return true; // the name of an environment variable
  // A hex digest (md5/sha1/sha256/sha512) held by a name that says so is a fixture, not a credential.
  if (HASH_NAME.test(name) && /^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{64}$|^[0-9a-f]{128}$/i.test(v)) return true;
  return false;
}

export function envNameFor(name: string | null, format: SecretKind | null): string {
  if (format) return format.envName;
  const upper = (name ?? 'secret').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
  return /^[A-Z_]/.test(upper) ? upper : `SECRET_${upper}`;
}
