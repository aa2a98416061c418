// The little the core needs from where it runs (Node for the CLI and tests, the extension host in VS Code).

export interface Host {
  /** The file's text, or null when it does not exist or cannot be read. */
  readFile(path: string): Promise<string | null>;
  /** Names of the entries of a folder, or null when it is not a folder. */
  listDir(path: string): Promise<string[] | null>;
}
