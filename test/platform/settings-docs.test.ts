// Every setting the server reads is in the README's settings table, under its
// flag and its environment variable, so an operator finds each one there.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SETTINGS } from '../../src/config.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const table = readme.slice(readme.indexOf('## Settings'), readme.indexOf('\n## ', readme.indexOf('## Settings') + 1));

describe("the README's settings table", () => {
  it('has a row for every setting, naming its flag and environment variable', () => {
    const rows = table.split('\n').filter((l) => l.startsWith('| `--'));
    const missing = SETTINGS.filter((s) => !rows.some((r) => r.startsWith(`| \`--${s.flag}\` | \`${s.env}\` |`))).map((s) => `--${s.flag} (${s.env})`);
    assert.deepEqual(missing, []);
  });

  it('names no setting the server does not have', () => {
    const flags = [...table.matchAll(/^\| `--([a-z-]+)`/gm)].map((m) => m[1]);
    assert.deepEqual(flags.filter((f) => !SETTINGS.some((s) => s.flag === f)), []);
  });
});
