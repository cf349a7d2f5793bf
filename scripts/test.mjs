#!/usr/bin/env node
// The one test command (README, `npm test`, `.ci/run`): typecheck, then every
// `*.test.ts` under test/ through node's own test runner with tsx's loader.
// `npm test -- test/nlu` runs only the files under the given paths (no typecheck, no portal tests).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function findTests(path) {
  if (statSync(path).isFile()) return path.endsWith('.test.ts') ? [path] : [];
  return readdirSync(path).sort().flatMap((name) => name === 'node_modules' ? [] : findTests(join(path, name)));
}

const roots = process.argv.slice(2);
const files = (roots.length ? roots : ['test']).flatMap(findTests);
if (files.length === 0) {
  console.error('no test files found under', roots.join(' ') || 'test');
  process.exit(1);
}

if (!roots.length) {
  const tsc = spawnSync('npx', ['tsc', '--noEmit', '-p', '.'], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  // The portal's component tests (Vitest, in web/), before the node suites so
  // that the run ends with node's summary.
  const web = spawnSync('npm', ['--prefix', 'web', 'test', '--silent'], { stdio: 'inherit' });
  if (web.status !== 0) process.exit(web.status ?? 1);
}

const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files], { stdio: 'inherit' });
process.exit(run.status ?? 1);
