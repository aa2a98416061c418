// Which rules run, at what severity, for a notebook: the [tool.nbhygiene] table of the nearest pyproject.toml when
// there is one (the project's own config travels with it and the CLI reads the same), else the editor settings.
import * as vscode from 'vscode';
import { DEFAULT_CONFIG, isSeverity, mergeConfig, type NbhygieneConfig } from '../core/config/config';
import { createConfigLocator, type ConfigLocator } from '../core/config/locate';
import type { Severity } from '../core/types';
import { SETTINGS } from './ids';
import { VSCODE_HOST } from './host';

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

/** The editor settings as a config layer; only what the user set is in it. */
export function settingsLayer(scope: vscode.Uri): Partial<NbhygieneConfig> {
  const settings = vscode.workspace.getConfiguration(SETTINGS.section, scope);
  const layer: Partial<NbhygieneConfig> = {};
  const select = stringList(settings.get(SETTINGS.select));
  const extendSelect = stringList(settings.get(SETTINGS.extendSelect));
  const ignore = stringList(settings.get(SETTINGS.ignore));
  if (select && select.length > 0) layer.select = select;
  if (extendSelect && extendSelect.length > 0) layer.extendSelect = extendSelect;
  if (ignore) layer.ignore = ignore;
  const severity = settings.get<Record<string, unknown>>(SETTINGS.severity) ?? {};
  const overrides: Record<string, Severity> = {};
  for (const [code, value] of Object.entries(severity)) if (isSeverity(value)) overrides[code] = value;
  if (Object.keys(overrides).length > 0) layer.severity = overrides;
  const positive = (key: string) => {
    const value = settings.get<number>(key);
    return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
  };
  const folder = (key: string) => settings.get<string>(key)?.trim() || undefined;
  const maxCellLines = positive(SETTINGS.maxCellLines);
  const maxCellComplexity = positive(SETTINGS.maxCellComplexity);
  const testsFolder = folder(SETTINGS.testsFolder);
  const moduleFolder = folder(SETTINGS.moduleFolder);
  if (maxCellLines) layer.maxCellLines = maxCellLines;
  if (maxCellComplexity) layer.maxCellComplexity = maxCellComplexity;
  if (testsFolder) layer.testsFolder = testsFolder;
  if (moduleFolder) layer.moduleFolder = moduleFolder;
  return layer;
}

export class ConfigService {
  private locator: ConfigLocator;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.locator = this.newLocator();
  }

  private newLocator(): ConfigLocator {
    return createConfigLocator(VSCODE_HOST, (loaded) => {
      this.log.info(`using ${loaded.path}`);
      for (const problem of loaded.problems) this.log.warn(`${loaded.path}: ${problem}`);
    });
  }

  /** Forget what was read: a pyproject.toml changed on disk. */
  reset(): void {
    this.locator = this.newLocator();
  }

  async configFor(notebook: vscode.Uri): Promise<NbhygieneConfig> {
    const fromSettings = mergeConfig(DEFAULT_CONFIG, settingsLayer(notebook));
    if (notebook.scheme !== 'file') return fromSettings;
    const { config, path } = await this.locator.configFor(notebook.fsPath);
    return path === null ? fromSettings : config;
  }
}
