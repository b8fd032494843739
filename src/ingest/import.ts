import type { Readable } from 'node:stream';
import type { Db } from '../db/client.ts';
import { InputError } from '../domain/errors.ts';
import { openWrite } from '../domain/write.ts';
import type { ImportFormat, Parsed, Row } from './format.ts';
import { acled } from './formats/acled.ts';
import { claimReview } from './formats/claimreview.ts';
import { gdeltEvents, gdeltMentions } from './formats/gdelt.ts';
import { plover } from './formats/plover.ts';
import { progressFile, progressReporter, type ProgressOut } from './progress.ts';
import { readLines, RowError } from './rows.ts';
import { elementsText, jsonAt } from '../db/dialect.ts';
import { prepared } from '../db/statements.ts';
import { BulkWriter, type Outcome } from '../domain/bulk.ts';

export const FORMATS: Record<string, ImportFormat> = {
  'gdelt-events': gdeltEvents,
  'gdelt-mentions': gdeltMentions,
  plover,
  claimreview: claimReview,
  acled,
};

export interface RefusedRow {
  line: number;
  column: string | null;
  reason: string;
}

export interface ImportReport {
  file: string;
  format: string;
  /** Rows that held a record. */
  rows: number;
  outcomes: Record<Outcome, number>;
  /** Rows refused (only with skipInvalid; otherwise the first one aborts the import). */
  refused: RefusedRow[];
}

/** A bad row aborted an all-or-nothing import: nothing was written. */
export class ImportAborted extends Error {
  constructor(
    readonly file: string,
    readonly row: RowError,
  ) {
    super(`${file}:${row.line}: ${row.column ? `${row.column}: ` : ''}${row.reason} (nothing was imported)`);
    this.name = 'ImportAborted';
  }
}

export interface ImportOptions {
  format: string;
  input: Readable;
  /** The file's name, for errors ("-" for standard input). */
  file: string;
  /** The input's size in bytes, when known, for the time left. */
  size?: number | null;
  /** Import the good rows and report the bad ones, instead of aborting on the first. */
  skipInvalid?: boolean;
  /** Report progress on standard error, or on this stream. */
  progress?: boolean | ProgressOut;
  /** Let the triggers record history and index search row by row (a test compares the two ways). */
  byTriggers?: boolean;
}

/** Rows whose keys are checked in one statement. */
const CHECKED_AT_ONCE = 500;

/**
 * Where each natural key was first seen in this input (a second record with the same key is
 * refused), kept by the database in a temporary table rather than in memory, so that inputs
 * larger than memory import.
 */
class FirstSeen {
  private readonly text: string;

  constructor(private readonly db: Db) {
    const temp = db.$engine === 'sqlite' ? 'temp' : 'pg_temp';
    db.$client.prepare(`CREATE TEMP TABLE IF NOT EXISTS import_keys (key TEXT PRIMARY KEY, line INTEGER NOT NULL)${db.$engine === 'sqlite' ? ' WITHOUT ROWID' : ''}`).run();
    db.$client.prepare(`DELETE FROM ${temp}.import_keys`).run();
    // (An upsert from a SELECT needs its WHERE on SQLite, which would read ON CONFLICT as a join's ON.)
    this.text = `INSERT INTO ${temp}.import_keys (key, line) SELECT ${jsonAt(db.$engine, 'w.value', 0, 'text')}, ${jsonAt(db.$engine, 'w.value', 1, 'integer')}
      FROM ${elementsText(db.$engine, '?', 'w')} WHERE true ON CONFLICT (key) DO UPDATE SET line = import_keys.line RETURNING key, line`;
  }

  /** The line each key was first seen on: the one given, or an earlier batch's. */
  lines(keys: ReadonlyMap<string, number>): Map<string, number> {
    if (keys.size === 0) return new Map();
    const rows = prepared(this.db, this.text).all(JSON.stringify([...keys])) as { key: string; line: number }[];
    return new Map(rows.map((r) => [r.key, r.line]));
  }
}

/**
 * Streams an input into the database in one transaction: all or nothing by default. Rows are
 * validated before anything of theirs is written, so a refused row leaves no trace either way.
 */
export async function runImport(db: Db, options: ImportOptions): Promise<ImportReport> {
  const format = FORMATS[options.format];
  if (!format) throw new Error(`unknown format "${options.format}": use one of ${Object.keys(FORMATS).join(', ')}`);
  const report: ImportReport = { file: options.file, format: options.format, rows: 0, outcomes: { created: 0, updated: 0, unchanged: 0, unmatched: 0 }, refused: [] };
  const progress = options.progress ? progressReporter(options.size ?? null, options.progress === true ? process.stderr : options.progress) : null;
  const sqlite = db.$client;
  // A server on the same database file reports the import's progress in /metrics.
  const shared = sqlite.memory ? null : progressFile(sqlite.name, options.format, options.file, options.size ?? null);
  const firstSeen = new FirstSeen(db);
  // One change and one transaction for the whole input, open while the rows arrive; the rows
  // are staged as they are checked and written a batch at a time.
  const session = openWrite(db, { operation: `import ${options.format}`, keyName: null });
  const writer = new BulkWriter(session, format.namespace, options.byTriggers);
  const refuse = (error: RowError) => {
    if (!options.skipInvalid) throw new ImportAborted(options.file, error);
    report.refused.push({ line: error.line, column: error.column, reason: error.reason });
  };
  const count = (outcomes: Outcome[]) => {
    for (const outcome of outcomes) report.outcomes[outcome] += 1;
  };
  // Rows are checked a few hundred at a time: their keys against those seen before, in one
  // statement (a round trip per row is what PostgreSQL's import would otherwise wait on); each is
  // then refused or staged in the order of the input.
  const checked: { row: Row; parsed?: Parsed | null; error?: unknown }[] = [];
  const drain = () => {
    const keys = new Map<string, number>();
    for (const { row, parsed } of checked) if (parsed?.key != null && !keys.has(parsed.key)) keys.set(parsed.key, row.line);
    const first = firstSeen.lines(keys);
    for (const { row, parsed, error } of checked) {
      try {
        if (error) throw error;
        const line = parsed?.key == null ? row.line : first.get(parsed.key)!;
        if (line !== row.line) throw new RowError(row.line, format.keyColumn, `repeats the id "${parsed!.key}" of line ${line}`);
        if (parsed === null) continue;
        // A row the write module refuses leaves nothing of itself staged.
        writer.stageRow(() => parsed!.write(writer));
      } catch (error) {
        if (error instanceof InputError) refuse(new RowError(row.line, error.field.join('.') || null, error.issues[0]?.message ?? error.message));
        else if (error instanceof RowError) refuse(error);
        else throw error;
        continue;
      }
      report.rows += 1;
      if (writer.full) count(writer.flush());
      progress?.update(report.rows, row.bytes);
      shared?.update(report.rows, row.bytes);
    }
    checked.length = 0;
  };
  try {
    for await (const row of format.rows(readLines(options.input))) {
      try {
        checked.push({ row, parsed: format.parse(row) });
      } catch (error) {
        checked.push({ row, error });
      }
      if (checked.length === CHECKED_AT_ONCE) drain();
    }
    drain();
    count(writer.flush());
    session.commit();
  } catch (error) {
    session.rollback();
    if (error instanceof RowError) throw new ImportAborted(options.file, error);
    throw error;
  } finally {
    shared?.done();
  }
  progress?.done(report.rows);
  return report;
}
