import cluster, { type Worker } from 'node:cluster';
import type { EventEmitter } from 'node:events';
import { AggregatorRegistry, type Registry } from 'prom-client';

// With several server processes (CLAIMLINE_WORKERS), /metrics answers for all of them: the worker
// that is scraped asks the primary, which asks every serving worker for its registry (as JSON)
// and answers with their aggregate (prom-client's AggregatorRegistry.aggregate: sums, except the
// gauges of the one database file, taken once).
const SCRAPE = 'claimline:metrics-scrape';
const SCRAPED = 'claimline:metrics-scraped';
const COLLECT = 'claimline:metrics-collect';
const COLLECTED = 'claimline:metrics-collected';

type Message = { type?: unknown; id: number; text?: string; error?: string; metrics?: unknown[] };
const message = (m: unknown): Message | null => (typeof m === 'object' && m !== null ? (m as Message) : null);

/** Resolves with the message of the given type answering `id` that `from` (a worker, or this process) receives, or rejects after the timeout. */
function reply(from: EventEmitter, type: string, id: number, timeoutMs: number): Promise<Message> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: unknown) => {
      const got = message(m);
      if (got?.type !== type || got.id !== id) return;
      clearTimeout(timer);
      from.off('message', onMessage);
      resolve(got);
    };
    from.on('message', onMessage);
    const timer = setTimeout(() => {
      from.off('message', onMessage);
      reject(new Error(`no answer with the metrics within ${timeoutMs} ms`));
    }, timeoutMs);
  });
}

let asked = 0;

/** In a worker: answers the primary's collection with this registry, and scrapes all workers through it. */
export function workerMetrics(registry: Registry): () => Promise<string> {
  process.on('message', (m) => {
    const got = message(m);
    if (got?.type !== COLLECT) return;
    registry.getMetricsAsJSON().then((metrics) => process.send?.({ type: COLLECTED, id: got.id, metrics }));
  });
  return async () => {
    const id = ++asked;
    const answer = reply(process, SCRAPED, id, 5000);
    process.send!({ type: SCRAPE, id });
    const got = await answer;
    if (got.error !== undefined) throw new Error(got.error);
    return got.text ?? '';
  };
}

/** In the primary: answers a worker's scrape with the metrics of every worker that `serving` lists. */
export function answerScrapes(serving: () => Worker[]): void {
  cluster.on('message', (from, m) => {
    const got = message(m);
    if (got?.type !== SCRAPE) return;
    const id = ++asked;
    Promise.all(
      serving().map((w) => {
        const answer = reply(w, COLLECTED, id, 4000);
        w.send({ type: COLLECT, id });
        return answer.then((a) => a.metrics as Parameters<typeof AggregatorRegistry.aggregate>[0][number]);
      }),
    ).then(
      (all) => AggregatorRegistry.aggregate(all).metrics(),
    ).then(
      (text) => from.isConnected() && from.send({ type: SCRAPED, id: got.id, text }),
      (error: Error) => from.isConnected() && from.send({ type: SCRAPED, id: got.id, error: error.message }),
    );
  });
}
