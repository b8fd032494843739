import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPostgresUrl } from '../db/postgres.ts';

/** What a running import says of itself beside its database, for the server's /metrics. */
export interface ImportProgress {
  pid: number;
  format: string;
  file: string;
  rows: number;
  bytes: number;
  totalBytes: number | null;
  started: string;
}

/**
 * Where an import writes its progress while it runs: beside its database file; for a PostgreSQL
 * database (named by its URL, without password), in this machine's temporary folder, where a
 * server on the same machine finds it.
 */
export const importProgressFile = (database: string) =>
  isPostgresUrl(database) ? join(tmpdir(), `claimline-${createHash('sha256').update(database).digest('hex').slice(0, 16)}-import.json`) : `${database}-import.json`;

/**
 * Keeps an import's progress file up to date (at most once a second) while it runs, and removes
 * it at the end: a server on the same database reports it in /metrics.
 */
export function progressFile(database: string, format: string, file: string, totalBytes: number | null) {
  const path = importProgressFile(database);
  const started = new Date().toISOString();
  let last = 0;
  const save = (rows: number, bytes: number) => writeFileSync(path, JSON.stringify({ pid: process.pid, format, file, rows, bytes, totalBytes, started } satisfies ImportProgress));
  save(0, 0);
  return {
    update(rows: number, bytes: number) {
      if (Date.now() - last < 1000) return;
      last = Date.now();
      save(rows, bytes);
    },
    done() {
      rmSync(path, { force: true });
    },
  };
}

/** Where progress goes: standard error, or what stands for it (in a worker thread). */
export type ProgressOut = Pick<NodeJS.WriteStream, 'isTTY'> & { write(text: string): unknown };

/** Reports an import's progress on stderr: a bar on a terminal, a plain line every few seconds otherwise. */
export function progressReporter(totalBytes: number | null, out: ProgressOut = process.stderr) {
  const started = Date.now();
  let last = started;
  const rate = (rows: number) => Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001));
  const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;
  return {
    update(rows: number, bytes: number) {
      const now = Date.now();
      if (now - last < (out.isTTY ? 100 : 5000)) return;
      last = now;
      const share = totalBytes ? Math.min(bytes / totalBytes, 1) : null;
      const left = share ? clock(((now - started) / 1000) * (1 / share - 1)) : '?';
      if (out.isTTY) {
        const width = 30;
        const bar = share === null ? '' : `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ${Math.round(share * 100)}% `;
        out.write(`\r${bar}${rows.toLocaleString('en')} rows  ${rate(rows).toLocaleString('en')} rows/s  ${left} left `);
      } else {
        out.write(`import: ${rows.toLocaleString('en')} rows, ${rate(rows).toLocaleString('en')} rows/s${share === null ? '' : `, ${Math.round(share * 100)}%, ${left} left`}\n`);
      }
    },
    done(rows: number) {
      const seconds = (Date.now() - started) / 1000;
      out.write(`${out.isTTY ? '\r' : ''}import: ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s (${rate(rows).toLocaleString('en')} rows/s)${out.isTTY ? '\x1b[K' : ''}\n`);
    },
  };
}
