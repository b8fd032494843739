/** The outcome of asking for points: granted, with what is left, or refused, with when to retry. */
export type Spend = { granted: true; remaining: number } | { granted: false; remaining: number; retryAfterMs: number };

interface Windows {
  /** Start of the current fixed window, epoch ms. */
  start: number;
  current: number;
  previous: number;
}

/**
 * How the processes serving one API (`CLAIMLINE_WORKERS`) share their clients' spending: each
 * tells the others what it granted or refunded, and adds what it hears to its own windows, so a
 * client has one budget whichever process answers it (within a few milliseconds of each other).
 */
export interface SpendingShare {
  tell(client: string, points: number): void;
  hear(listener: (client: string, points: number) => void): void;
}

const SPENDING = 'claimline:spending';

/** A message one worker sends for the primary to pass on to the others. */
export const isSpending = (message: unknown): message is { type: typeof SPENDING; spent: [string, number][] } =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === SPENDING;

/**
 * A share that gathers what it is told for 20 ms and then sends it at once, as [client, points]
 * pairs (`send`), however it travels: the cluster's IPC channel, or PostgreSQL's notifications.
 */
export function batchedShare(send: (spent: [string, number][]) => void, hear: SpendingShare['hear']): SpendingShare & { close(): void } {
  let pending = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const spent = [...pending];
    pending = new Map();
    send(spent);
  };
  return {
    tell(client, points) {
      pending.set(client, (pending.get(client) ?? 0) + points);
      timer ??= setTimeout(flush, 20).unref();
    },
    hear,
    close() {
      clearTimeout(timer);
    },
  };
}

/** The share of a cluster worker, over its IPC channel to the primary (undefined in a lone process). */
export function clusterShare(): SpendingShare | undefined {
  const send = process.send?.bind(process);
  if (!send) return undefined;
  return batchedShare(
    (spent) => {
      if (process.connected) send({ type: SPENDING, spent });
    },
    (listener) => {
      process.on('message', (message) => {
        if (isSpending(message)) for (const [client, points] of message.spent) listener(client, points);
      });
    },
  );
}

/**
 * Cost points per client over a sliding window, as a sliding-window counter: what was spent in
 * the previous fixed window counts in proportion to how much of it the sliding window still
 * covers, plus all of the current one. Memory is one entry per client seen recently.
 */
export class SlidingWindowLimiter {
  private readonly clients = new Map<string, Windows>();

  constructor(
    readonly points: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly share?: SpendingShare,
  ) {
    share?.hear((client, points) => this.absorb(client, points));
  }

  /** Spending (or, negative, refunds) another process granted. */
  private absorb(client: string, points: number): void {
    const w = this.windowsOf(client, this.now());
    w.current = Math.max(0, w.current + points);
  }

  private windowsOf(client: string, at: number): Windows {
    let w = this.clients.get(client);
    if (!w) {
      if (this.clients.size >= 100_000) this.forgetIdle(at);
      w = { start: at - (at % this.windowMs), current: 0, previous: 0 };
      this.clients.set(client, w);
    }
    const elapsed = Math.floor((at - w.start) / this.windowMs);
    if (elapsed >= 1) {
      w.previous = elapsed === 1 ? w.current : 0;
      w.current = 0;
      w.start += elapsed * this.windowMs;
    }
    return w;
  }

  private forgetIdle(at: number): void {
    for (const [client, w] of this.clients) if (at - w.start >= 2 * this.windowMs) this.clients.delete(client);
  }

  private spentIn(w: Windows, at: number): number {
    return w.previous * (1 - (at - w.start) / this.windowMs) + w.current;
  }

  /** Points the client may still spend now. */
  available(client: string): number {
    const at = this.now();
    return Math.max(0, Math.floor(this.points - this.spentIn(this.windowsOf(client, at), at)));
  }

  /** Spends `cost` points if the client has them. */
  spend(client: string, cost: number): Spend {
    const at = this.now();
    const w = this.windowsOf(client, at);
    const spent = this.spentIn(w, at);
    if (spent + cost <= this.points) {
      w.current += cost;
      this.share?.tell(client, cost);
      return { granted: true, remaining: Math.max(0, Math.floor(this.points - spent - cost)) };
    }
    return { granted: false, remaining: Math.max(0, Math.floor(this.points - spent)), retryAfterMs: this.waitFor(w, at, cost) };
  }

  /** Gives back points spent for a query that turned out cheaper than its estimate. */
  refund(client: string, cost: number): void {
    const w = this.clients.get(client);
    if (!w) return;
    w.current = Math.max(0, w.current - cost);
    this.share?.tell(client, -cost);
  }

  /** How long until `cost` points are free: the previous window's share shrinks as the window slides. */
  private waitFor(w: Windows, at: number, cost: number): number {
    if (cost > this.points) return Infinity;
    if (w.current + cost <= this.points && w.previous > 0) {
      // Within this window: previous × (1 − f) + current + cost ≤ points.
      const f = 1 - (this.points - w.current - cost) / w.previous;
      return Math.max(0, Math.ceil(w.start + f * this.windowMs - at));
    }
    // After this window ends its spending becomes the previous window's: current × (1 − g) + cost ≤ points.
    const g = w.current === 0 ? 0 : Math.max(0, 1 - (this.points - cost) / w.current);
    return Math.max(0, Math.ceil(w.start + this.windowMs + g * this.windowMs - at));
  }
}
