import { randomUUID } from 'node:crypto';
import { PgChannel, type PgConnection } from '../db/postgres.ts';
import { batchedShare, type SpendingShare } from './rate-limit.ts';

// Rate limits across servers on PostgreSQL (loaded only there).

const SPENDING_CHANNEL = 'claimline_spending';

/** Spending sent in one notification at most (PostgreSQL refuses a payload of 8,000 bytes or more). */
const PAYLOAD_BYTES = 6_000;

/**
 * The share of the servers over one PostgreSQL primary, on any number of hosts: each sends what
 * it granted or refunded every 20 ms as a notification, through its own connection, and hears
 * the others' on a connection that listens (src/db/postgres.ts: PgChannel); its own come back to
 * it too, and are told apart by the token each server draws. A client has one budget whichever
 * server answers it, within a few milliseconds and a round trip of each other.
 */
export function postgresShare(connection: PgConnection, onError?: (error: Error) => void): SpendingShare & { close(): void } {
  const token = randomUUID();
  const listeners: ((client: string, points: number) => void)[] = [];
  const channel = new PgChannel(connection.url, SPENDING_CHANNEL, (payload) => {
    const message = JSON.parse(payload) as { from: string; spent: [string, number][] };
    if (message.from !== token) for (const [client, points] of message.spent) for (const listener of listeners) listener(client, points);
  }, onError);
  const share = batchedShare(
    (spent) => {
      const messages: [string, number][][] = [[]];
      let bytes = 0;
      for (const entry of spent) {
        const size = Buffer.byteLength(entry[0]) + 32;
        if (bytes + size > PAYLOAD_BYTES && messages.at(-1)!.length) messages.push((bytes = 0, []));
        messages.at(-1)!.push(entry);
        bytes += size;
      }
      try {
        for (const part of messages) PgChannel.notify(connection, SPENDING_CHANNEL, JSON.stringify({ from: token, spent: part }));
      } catch (error) {
        // The primary is away: the others go on with what they have heard (each still counts its own).
        onError?.(error as Error);
      }
    },
    (listener) => listeners.push(listener),
  );
  return {
    ...share,
    close() {
      share.close();
      channel.close();
    },
  };
}
