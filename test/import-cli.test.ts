import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.ts';
import { FIXTURES, SEED_BUNDLE_PATH } from './paths.ts';
import { claimline as run } from './process.ts';

const folder = mkdtempSync(join(tmpdir(), 'claimline-import-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const GDELT = join(FIXTURES, 'gdelt-2.0-events-sample/20191024143000.export.head300.CSV');

/** Runs the claimline command as a user would, over a database file of its own. */
const claimline = (db: string, args: string[], input?: string) => run(args, { CLAIMLINE_DB: join(folder, db) }, { cwd: folder, input });

const count = (db: string, table: string) => {
  const handle = openDatabase({ file: join(folder, db) });
  const n = (handle.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  handle.$client.close();
  return n;
};

describe('claimline import', () => {
  it('imports a file, prints plain progress and a summary when not on a terminal, and changes nothing the second time', () => {
    const first = claimline('a.db', ['import', '--format', 'gdelt-events', GDELT]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/import: 300 rows in [\d.]+ s/);
    expect(first.stderr).toMatch(/import: 300 created, 0 updated, 0 unchanged, 0 refused/);
    const second = claimline('a.db', ['import', '--format', 'gdelt-events', GDELT]);
    expect(second.stderr).toMatch(/0 created, 0 updated, 300 unchanged/);
    expect(count('a.db', 'items')).toBe(300);
  });

  it('reads standard input with -, and aborts a bad file with its line, column and reason, writing nothing', () => {
    const lines = readFileSync(GDELT, 'utf8').split('\n');
    const bad = [lines[0], lines[1]!.replace(/^(\d+)\t\d{8}/, '$1\t2019x024')].join('\n') + '\n';
    const result = claimline('b.db', ['import', '--format', 'gdelt-events', '-'], bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('claimline: -:2: SQLDATE: "2019x024" is not a date in YYYYMMDD form (nothing was imported)');
    expect(count('b.db', 'items')).toBe(0);
  });

  it('writes the refused rows to a report with --skip-invalid', () => {
    const lines = readFileSync(GDELT, 'utf8').split('\n');
    const input = [lines[0], 'not a gdelt row', lines[2]].join('\n') + '\n';
    const result = claimline('c.db', ['import', '--format', 'gdelt-events', '--skip-invalid', '--report', 'refused.jsonl', '-'], input);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/2 created, .* 1 refused/);
    expect(JSON.parse(readFileSync(join(folder, 'refused.jsonl'), 'utf8'))).toEqual({ file: '-', line: 2, column: null, reason: expect.stringContaining('expected 61 columns') });
  });

  it('imports bundles, and refuses an unknown format and a database in memory', () => {
    const bundle = claimline('d.db', ['import', '--format', 'bundle', SEED_BUNDLE_PATH]);
    expect(bundle.code).toBe(0);
    expect(JSON.parse(bundle.stdout).created).toMatchObject({ event: 8, claim: 6 });
    const inMemory = run(['import', '--format', 'gdelt-events', GDELT], { CLAIMLINE_DB: ':memory:' }, { cwd: folder });
    expect(inMemory.code).toBe(2);
    expect(inMemory.stderr).toMatch(/CLAIMLINE_DB is :memory:: .* name a database file/);
    const unknown = claimline('d.db', ['import', '--format', 'csv', GDELT]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--format <format>' argument 'csv' is invalid\. Allowed choices are gdelt-events, gdelt-mentions, plover, claimreview, acled, bundle/);
  });
});
