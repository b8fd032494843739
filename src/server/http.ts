import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../db/client.ts';
import { createApp } from './app.ts';

/** Starts the HTTP server; resolves once it listens, with the URL of its GraphQL endpoint. */
export async function listen(db: Db, port: number, host = '0.0.0.0'): Promise<{ server: Server; url: string }> {
  const server = createServer(createApp({ db }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actual = (server.address() as AddressInfo).port;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return { server, url: `http://${shown}:${actual}/graphql` };
}
