// `npm test` runs test/unit and test/corpus: this brings in the headless-chromium check of the HTML report.
import '../browser/report-chromium.test';
