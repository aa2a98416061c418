// Runs a real VS Code (code-server 4.100.3, installed by test/e2e/setup.sh) and Debian's chromium driven by
// playwright-core, so e2e tests assert what a user sees. This file owns processes and folders; the page-side
// helpers (Quick Open, Command Palette, Problems panel, webviews) are in workbench.ts and re-exported here.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openWorkbench, waitFor } from './workbench';

export * from './workbench';

export const REPO = resolve(__dirname, '..', '..');
export const FIXTURES = join(REPO, 'test', 'e2e', 'fixtures');
export const CODE_SERVER_ENTRY = join(
  REPO,
  '.cache',
  'code-server',
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);
const CHROMIUM = '/usr/bin/chromium';

// ---------------------------------------------------------------------------------------------------------------
// Temporary folders: every one the harness makes is listed, so one `removeTempDirs()` in `after()` cleans up.

const tempDirs: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `nbhygiene-e2e-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A throwaway copy of a fixture workspace, so edits made through the editor never touch the repository. */
export function copyWorkspace(fixture: string): string {
  const workspace = join(tempDir('workspace'), 'workspace');
  cpSync(fixture, workspace, { recursive: true });
  return workspace;
}

// ---------------------------------------------------------------------------------------------------------------
// Packaging and installing

/** Packages an extension folder with vsce (works offline) into `outDir`; returns the .vsix path. */
export function packageExtension(folder: string, outDir = tempDir('vsix')): string {
  const vsix = join(outDir, 'extension.vsix');
  const vsce = join(REPO, 'node_modules', '.bin', 'vsce');
  run(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], folder);
  return vsix;
}

/** Installs a .vsix into `extensionsDir` (a fresh temp folder by default); returns that folder. */
export function installExtension(vsixPath: string, extensionsDir = tempDir('extensions')): string {
  if (!existsSync(CODE_SERVER_ENTRY))
    throw new Error(`code-server is not installed: run bash test/e2e/setup.sh (${CODE_SERVER_ENTRY})`);
  const scratch = tempDir('install-data');
  run(
    process.execPath,
    [
      CODE_SERVER_ENTRY,
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      scratch,
      '--install-extension',
      vsixPath,
      '--force',
    ],
    REPO,
    codeServerEnv(scratch),
  );
  return extensionsDir;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
  // stdin closed: vsce asks questions on a terminal, and a CI run has nobody to answer them.
  const result = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status ?? result.signal})\n${result.stdout}\n${result.stderr}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// code-server

/** User settings that keep the editor quiet and deterministic: no welcome page, prompts, telemetry or updates. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  // Preview tabs get replaced by the next file opened; tests want every opened editor to stay.
  'workbench.editor.enablePreview': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  // Belt and braces with --disable-workspace-trust: a trust prompt would block the extension in restricted mode.
  'security.workspace.trust.enabled': false,
  'editor.accessibilitySupport': 'off',
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'files.hotExit': 'off',
};

export interface CodeServer {
  /** The workbench URL with the workspace folder open. */
  url: string;
  port: number;
  userDataDir: string;
  logs: () => string;
  stop: () => Promise<void>;
}

export interface StartOptions {
  workspace: string;
  extensionsDir: string;
  userDataDir?: string;
  /** Merged over QUIET_SETTINGS into the user settings.json written before start. */
  settings?: Record<string, unknown>;
  timeoutMs?: number;
}

function codeServerEnv(dataDir: string): NodeJS.ProcessEnv {
  // Its own config file: otherwise code-server writes ~/.config/code-server/config.yaml with a password in it.
  return { ...process.env, CODE_SERVER_CONFIG: join(dataDir, 'code-server.yaml') };
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Starts code-server on a free 127.0.0.1 port with quiet settings and waits until /healthz answers. */
export async function startCodeServer(options: StartOptions): Promise<CodeServer> {
  if (!existsSync(CODE_SERVER_ENTRY))
    throw new Error(`code-server is not installed: run bash test/e2e/setup.sh (${CODE_SERVER_ENTRY})`);
  const userDataDir = options.userDataDir ?? tempDir('user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2),
  );
  const port = await freePort();
  const args = [
    CODE_SERVER_ENTRY,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    options.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    options.workspace,
  ];
  // detached: its own process group, so stop() ends it together with its extension host and pty host.
  const child = spawn(process.execPath, args, {
    env: codeServerEnv(userDataDir),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnExit(child);
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const server: CodeServer = {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.workspace)}`,
    port,
    userDataDir,
    logs: () => output,
    stop: () => stopProcessGroup(child),
  };
  try {
    await waitFor(
      'code-server to answer on /healthz',
      async () => {
        if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
        return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
      },
      { timeoutMs: options.timeoutMs ?? 60_000, describe: () => `code-server output:\n${output}` },
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

// A detached group outlives its parent; if the test process ends without stop() (a crash, a cancelled run),
// the group is killed here. SIGINT/SIGTERM would skip 'exit' handlers, so they are routed through exit().
const liveGroups = new Set<number>();
let exitHookInstalled = false;
function killOnExit(child: ChildProcess): void {
  if (child.pid === undefined) return;
  liveGroups.add(child.pid);
  child.once('exit', () => liveGroups.delete(child.pid!));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* the group is already gone */
  }
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
  killGroup(child.pid, 'SIGTERM');
  const graceful = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((done) => setTimeout(() => done(false), 5_000)),
  ]);
  // Children (extension host, file watcher) can outlive the main process: the whole group is always killed.
  killGroup(child.pid, 'SIGKILL');
  if (!graceful) await exited;
  liveGroups.delete(child.pid);
}

// ---------------------------------------------------------------------------------------------------------------
// Browser

/** Debian's chromium through playwright-core; launch() gives a fresh temporary profile that close() removes. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page with a fixed viewport, so screenshots and what is scrolled into view are the same on every run. */
export async function newPage(browser: Browser): Promise<Page> {
  return browser.newPage({ viewport: { width: 1600, height: 1000 } });
}

// ---------------------------------------------------------------------------------------------------------------
// One editor session: extension installed, code-server on a copy of the fixture workspace, the workbench open

export interface EditorSession {
  page: Page;
  /** The temporary copy of the fixture workspace the editor has open. */
  workspace: string;
  /** Closes the browser, stops the server and removes the temporary folders, each step even if another failed. */
  close(): Promise<void>;
}

export async function startEditor(vsixPath: string, workspaceFixture: string): Promise<EditorSession> {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    removeTempDirs();
  };
  try {
    const extensionsDir = installExtension(vsixPath);
    const workspace = copyWorkspace(workspaceFixture);
    server = await startCodeServer({ workspace, extensionsDir });
    browser = await launchBrowser();
    const page = await newPage(browser);
    await openWorkbench(page, server.url);
    return { page, workspace, close };
  } catch (error) {
    await close();
    throw error;
  }
}
