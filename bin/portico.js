#!/usr/bin/env node
// The `portico` command. TypeScript sources run through tsx's loader so that
// `npx portico` works straight after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
