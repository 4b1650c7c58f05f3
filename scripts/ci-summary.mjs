// Sums the JSON reports of every test run into the closing line "N passed, N failed".
// A step that failed without a report (types, lint, build) counts as one failure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [dir = '.tmp/ci', stepFailuresText = '0'] = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const file of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : []) {
  const report = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  if (!report.success && !report.numFailedTests) failed += 1;
  console.log(`${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
const stepFailures = Number(stepFailuresText);
if (stepFailures > 0 && failed === 0) failed = stepFailures;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || stepFailures > 0 ? 1 : 0);
