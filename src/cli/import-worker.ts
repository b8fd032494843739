// `claimline import` of a row format runs here, in a worker thread with a bounded heap: V8 grows
// a heap lazily while garbage is cheap to leave, and an import makes a great deal of it (each
// batch's rows, history and search documents), so without a bound its memory would grow with the
// input instead of staying flat. The main thread relays standard input and the outcome.
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../db/open.ts';
import { runImport, type ImportReport } from '../ingest/import.ts';

/** What the main thread asks for. */
export interface ImportJob {
  database: string;
  format: string;
  file: string;
  size: number | null;
  skipInvalid: boolean;
  /** Whether the main thread's standard error is a terminal (a worker's never is). */
  tty: boolean;
}

/** What the worker sends: progress lines, then one outcome. */
export type WorkerMessage = { progress: string } | { report: ImportReport } | { error: string };

const job = workerData as ImportJob;
const db = openDb(job.database);
let outcome: WorkerMessage;
try {
  const report = await runImport(db, {
    format: job.format,
    file: job.file,
    input: job.file === '-' ? process.stdin : createReadStream(job.file),
    size: job.size,
    skipInvalid: job.skipInvalid,
    progress: { isTTY: job.tty, write: (text: string) => parentPort!.postMessage({ progress: text } satisfies WorkerMessage) },
  });
  outcome = { report };
} catch (error) {
  outcome = { error: error instanceof Error ? error.message : String(error) };
} finally {
  db.$client.close();
}
// Once the database is closed (the main thread ends this thread when it has the outcome).
parentPort!.postMessage(outcome);
