import cluster, { type Worker } from 'node:cluster';
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

/** Resolves with the reply to `id` of the given type, or rejects after the timeout. */
function reply(listen: (on: (m: unknown) => void) => () => void, type: string, id: number, timeoutMs: number): Promise<Message> {
  return new Promise((resolve, reject) => {
    const stop = listen((m) => {
      const got = message(m);
      if (got?.type !== type || got.id !== id) return;
      clearTimeout(timer);
      stop();
      resolve(got);
    });
    const timer = setTimeout(() => {
      stop();
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
    const answer = reply((on) => (process.on('message', on), () => process.off('message', on)), SCRAPED, id, 5000);
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
        const answer = reply((on) => {
          const onWorker = (m: unknown) => on(m);
          w.on('message', onWorker);
          return () => w.off('message', onWorker);
        }, COLLECTED, id, 4000);
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
