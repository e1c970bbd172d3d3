/**
 * Mutation score per source folder from Stryker's JSON report, the numbers the README quotes:
 * killed (and timed-out) mutants over all mutants that tests could have caught, with mutants no
 * test even runs counted as survivors. Lists the survivors of one folder when asked.
 *
 *   node tests/mutation/summary.ts [.stryker/report.json] [folder-to-list, e.g. src/plugins]
 */
import { readFileSync } from 'node:fs';

interface Mutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number } };
}

const [reportPath = '.stryker/report.json', list] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportPath, 'utf8')) as {
  files: Record<string, { source: string; mutants: Mutant[] }>;
};

const detected = new Set(['Killed', 'Timeout']);
const undetected = new Set(['Survived', 'NoCoverage']);
const folders = new Map<string, { detected: number; undetected: number }>();
for (const [file, { mutants }] of Object.entries(report.files)) {
  const folder = file.split('/').slice(0, 2).join('/');
  const tally = folders.get(folder) ?? { detected: 0, undetected: 0 };
  for (const mutant of mutants) {
    if (detected.has(mutant.status)) tally.detected++;
    else if (undetected.has(mutant.status)) tally.undetected++;
  }
  folders.set(folder, tally);
}

let all = { detected: 0, undetected: 0 };
console.log('folder           score   killed  survived (incl. no coverage)');
for (const [folder, tally] of [...folders].sort()) {
  all = { detected: all.detected + tally.detected, undetected: all.undetected + tally.undetected };
  const score = (100 * tally.detected) / (tally.detected + tally.undetected);
  console.log(
    `${folder.padEnd(16)} ${score.toFixed(1).padStart(5)}%  ${String(tally.detected).padStart(6)}  ${tally.undetected}`,
  );
}
const total = (100 * all.detected) / (all.detected + all.undetected);
console.log(
  `${'all'.padEnd(16)} ${total.toFixed(1).padStart(5)}%  ${String(all.detected).padStart(6)}  ${all.undetected}`,
);

if (list) {
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    if (!file.startsWith(list)) continue;
    const lines = source.split('\n');
    for (const mutant of mutants.filter((m) => undetected.has(m.status))) {
      const { line } = mutant.location.start;
      const code = (lines[line - 1] ?? '').trim().slice(0, 100);
      console.log(`${file}:${line} ${mutant.status} ${mutant.mutatorName} → ${mutant.replacement ?? ''}\n    ${code}`);
    }
  }
}
