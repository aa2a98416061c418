// Which kernel languages the engine analyses.

export function isPythonLanguage(language: string): boolean {
  return /^i?python\d*$/.test(language);
}
