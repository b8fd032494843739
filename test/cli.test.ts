import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresUnavailable } from '../src/db/postgres.ts';
import { EXPORTERS } from '../src/export/formats.ts';
import { ROOT } from './paths.ts';
import { claimline as run } from './process.ts';
import { writeJson } from '../src/cli/json-out.ts';

// The command as a user meets it: help that never acts, the version, suggestions for typos,
// exit 2 for a usage error and 1 for a failure, one line each, no stack trace.

const folder = mkdtempSync(join(tmpdir(), 'claimline-cli-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const DB = join(folder, 'never.db');
const claimline = (...args: string[]) => run(args, { CLAIMLINE_DB: DB }, { cwd: folder });
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('claimline', () => {
  it('prints its version and its help, with the commands and the environment', () => {
    for (const flag of ['--version', '-V']) expect(claimline(flag)).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    for (const flag of ['--help', '-h']) {
      const help = claimline(flag);
      expect(help.code).toBe(0);
      for (const command of ['serve', 'migrate', 'seed', 'import', 'export', 'resolve', 'gateway', 'keys', 'schema', 'backup', 'restore']) expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
      expect(help.stdout).toContain('CLAIMLINE_DB');
    }
  });

  it('shows help for every command and subcommand without acting: no server, no database, no output file', () => {
    const commands = [['serve'], ['migrate'], ['seed'], ['import'], ['export'], ['resolve'], ['gateway'], ['keys'], ['keys', 'create'], ['keys', 'list'], ['keys', 'revoke'], ['schema'], ['backup'], ['restore']];
    for (const command of commands) {
      for (const flag of ['--help', '-h']) {
        const result = claimline(...command, flag);
        expect(result.code, command.join(' ')).toBe(0);
        expect(result.stdout, command.join(' ')).toMatch(new RegExp(`^Usage: claimline ${command.join(' ')}`));
      }
    }
    expect(claimline('help', 'import').stdout).toMatch(/--format <format>/);
    // Every export format is offered (the command names them without loading the exporters).
    const exportHelp = claimline('export', '--help').stdout.replace(/\s+/g, ' ');
    for (const format of Object.keys(EXPORTERS)) expect(exportHelp).toContain(`"${format}"`);
    expect(existsSync(DB)).toBe(false);
  });

  it('refuses a usage error with exit 2 and a suggestion, in a line or two and no stack trace', () => {
    const cases: [string[], RegExp][] = [
      [['improt'], /unknown command 'improt'\n\(Did you mean import\?\)/],
      [['import', '--fromat', 'acled', 'x.csv'], /unknown option '--fromat'\n\(Did you mean --format\?\)/],
      [['import', 'x.csv'], /--format is required: one of gdelt-events, /],
      [['import', '--format', 'csv', 'x.csv'], /argument 'csv' is invalid\. Allowed choices are gdelt-events/],
      [['import', '--format', 'acled'], /missing required argument 'file'/],
      [['export', '--format', 'csv', '--area', '1,2'], /--area: give south,west,north,east/],
      [['export', '--format', 'xml'], /argument 'xml' is invalid\. Allowed choices are/],
      [['export', '--format', 'csv', '--as-of', 'yesterday'], /--as-of: "yesterday" is not an instant/],
      [['keys', 'creat'], /unknown command 'creat'\n\(Did you mean create\?\)/],
      [['keys', 'create'], /required option '--name <name>' not specified/],
      [['gateway', '--subgraph', 'nourl'], /--subgraph: "nourl" is not NAME=URL/],
      [['resolve', '--min-score', 'high'], /--min-score: "high" is not a probability from 0 to 1/],
      [['resolve', '--review-score', '1.5'], /--review-score: "1.5" is not a probability from 0 to 1/],
      [['resolve', '--min-score', '0.6', '--review-score', '0.8'], /--review-score \(0\.8\) is above --min-score \(0\.6\)/],
      [['resolve', '--records', 'people'], /argument 'people' is invalid\. Allowed choices are actors, events/],
    ];
    for (const [args, message] of cases) {
      const result = claimline(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/^claimline: /);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stderr, args.join(' ')).not.toMatch(/^\s+at /m);
    }
  });

  it('exports the record as it stood at an instant, from a rewound copy, leaving the database and nothing else behind', async () => {
    const file = join(folder, 'as-of.db');
    const env = { CLAIMLINE_DB: file };
    expect(run(['seed'], env).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const instant = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const head = join(ROOT, 'test/fixtures/gdelt-2.0-events-sample/20191024143000.export.head300.CSV');
    expect(run(['import', '--format', 'gdelt-events', head], env).code).toBe(0);
    const rows = (args: string[]) => run(['export', '--format', 'csv', ...args], env).stdout.trim().split('\n').length - 1;
    expect(rows([])).toBe(14 + 300);
    expect(rows(['--as-of', instant])).toBe(14);
    expect(rows(['--as-of', '2000-01-01T00:00:00Z'])).toBe(0);
    expect(rows([])).toBe(14 + 300);
    expect(readdirSync(folder).filter((name) => name.includes('as-of-'))).toEqual([]);
  });

  it('reports a failure with exit 1, in one line', () => {
    for (const args of [['import', '--format', 'gdelt-events', join(folder, 'missing.CSV')], ['seed', join(folder, 'missing.json')], ['restore', join(folder, 'missing.db')]]) {
      const result = claimline(...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toMatch(/^claimline: no such file: .*missing\.\w+\n$/);
    }
  });

  it.skipIf(postgresUnavailable() !== '')('reports a PostgreSQL that does not answer in one line, without the password', () => {
    // Port 1 on loopback: nothing listens there.
    const result = run(['export', '--format', 'csv'], { CLAIMLINE_DB: 'postgres://claimline:s3cret@127.0.0.1:1/claimline' }, { cwd: folder });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^claimline: cannot connect to PostgreSQL at postgres:\/\/claimline:\*\*\*@127\.0\.0\.1:1\/claimline: .*Connection refused.*\n$/);
    expect(result.stderr).not.toContain('s3cret');
  });
});

describe('JSON reports', () => {
  it('writes what JSON.stringify would, a list element at a time, waiting when the stream asks', async () => {
    const report = {
      records: 'events',
      dryRun: true,
      left: undefined,
      method: () => 1,
      decided: Array.from({ length: 3_000 }, (_, i) => ({ score: i / 3_000, events: [{ id: `RXZlbnQ6${i}`, summary: 'Clash "near"\nthe border' }], evidence: [{ feature: 'DATE', comparison: 'both 2019-10-24', weight: 2.5 }], none: [] })),
      alreadyOne: 0,
      review: [],
      nested: { a: [1, [2, 3]], b: null },
    };
    const chunks: string[] = [];
    let waits = 0;
    const out = new Writable({ highWaterMark: 1024, write: (chunk, _encoding, done) => (chunks.push(String(chunk)), setImmediate(done)) });
    out.on('drain', () => (waits += 1));
    await writeJson(report, out);
    expect(chunks.join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(chunks.length).toBeGreaterThan(1);
    expect(waits).toBeGreaterThan(0);
  });
});
