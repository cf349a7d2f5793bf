#!/usr/bin/env node
// Builds the portal (web/) into web/dist, which the server serves at `/`.
// The portal is its own npm package, so its dependencies are installed into
// web/node_modules (from web/package-lock.json) the first time.
//   node scripts/build-web.mjs              install when missing, then build
//   node scripts/build-web.mjs --if-missing build only when web/dist has no index.html
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..', 'web');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args) {
  const result = spawnSync(command, args, { cwd: web, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`portal build: \`${command} ${args.join(' ')}\` failed in ${web}`);
    process.exit(result.status ?? 1);
  }
}

if (process.argv.includes('--if-missing') && existsSync(join(web, 'dist', 'index.html'))) {
  process.exit(0);
}
if (!existsSync(join(web, 'node_modules', 'vite'))) {
  console.log('portal build: installing web/ dependencies…');
  run(npm, ['ci', '--no-audit', '--no-fund']);
}
console.log('portal build: building web/dist…');
run(process.execPath, [join(web, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);
console.log('portal build: done');
