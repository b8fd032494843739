import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../db/client.ts';
import { createApp, type AppOptions } from './app.ts';
import { endpoint } from './endpoint.ts';

export interface Listening {
  server: Server;
  /** The GraphQL endpoint, at the address actually bound. */
  url: string;
  /** host:port as bound. */
  address: string;
  /**
   * Stops accepting, ends subscriptions, lets in-flight requests finish, and closes the app's
   * connections; after `deadlineMs` the remaining connections are cut. Resolves true when all
   * finished in time.
   */
  close: (deadlineMs: number) => Promise<boolean>;
}

/** Starts the HTTP server; resolves once it listens. The caller closes the database after `close`. */
export async function listen(db: Db, port: number, host = '127.0.0.1', options: Omit<AppOptions, 'db'> = {}): Promise<Listening> {
  const app = createApp({ db, ...options });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const bound = server.address() as AddressInfo;
  const close = async (deadlineMs: number) => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Connections are closed as soon as they fall idle: kept-alive ones at once, the others once
    // their request is answered.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.closeIdleConnections();
    // Subscriptions end now (their streams close); other requests run to their end.
    await app.editor.close();
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([closed.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), deadlineMs)))]);
    clearTimeout(timer);
    clearInterval(sweep);
    if (!inTime) server.closeAllConnections();
    await app.dispose();
    return inTime;
  };
  return { server, ...endpoint(bound.address, bound.port), close };
}
