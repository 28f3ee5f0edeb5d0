#!/usr/bin/env node
// Sums the vitest JSON reports written by every project (<project>/.test-results/vitest.json) and prints
// one closing line, "N passed, N failed" (with skipped), so CI logs end with a plain count.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['packages', 'tools', 'apps'];
let passed = 0;
let failed = 0;
let skipped = 0;
const files = roots
  .filter((root) => existsSync(root))
  .flatMap((root) =>
    readdirSync(root).map((name) => join(root, name, '.test-results', 'vitest.json')),
  )
  .filter((file) => existsSync(file));
for (const file of files) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A suite that failed to load has no failed tests of its own: count it as one failure.
  failed +=
    (report.numFailedTests ?? 0) ||
    (report.numFailedTestSuites ?? 0) ||
    (report.success === false ? 1 : 0);
}
console.log(`Projects with test reports: ${files.length}`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(files.length === 0 || failed > 0 ? 1 : 0);
