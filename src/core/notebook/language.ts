// Which kernel languages the engine analyses.

/**
 * Python kernels: `python`, `python3`, `ipython`, and sparkmagic's PySpark kernels (`pyspark`, `pyspark3`), whose
 * language_info names the kernel rather than the language: their cells are Python (mimetype text/x-python) run on
 * the Spark cluster through Livy. Its Scala and R siblings name theirs `scala` and `sparkr`.
 */
export function isPythonLanguage(language: string): boolean {
  return /^(?:i?python\d*|pyspark\d*)$/.test(language);
}
