import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/domain/errors.ts';
import { createApp } from '../src/server/app.ts';
import { configFromEnv, DEFAULT_LIMITS } from '../src/server/config.ts';
import { listen } from '../src/server/http.ts';
import { seededDb } from './helpers.ts';

describe('configuration', () => {
  it('has documented defaults: loopback only, any origin without credentials, the default limits', () => {
    const config = configFromEnv({});
    expect(config).toMatchObject({ database: 'claimline.db', port: 4000, host: '127.0.0.1', corsOrigins: '*', shutdownSeconds: 10, trustProxy: false });
    expect(config.limits).toEqual(DEFAULT_LIMITS);
  });

  it('reads every setting from its variable, and refuses a bad value naming the variable', () => {
    const config = configFromEnv({ PORT: '8080', HOST: '0.0.0.0', CLAIMLINE_CORS_ORIGINS: 'https://a.example, https://b.example', CLAIMLINE_MAX_COST: '5000', CLAIMLINE_RATE_LIMIT_WINDOW_SECONDS: '10' });
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', corsOrigins: ['https://a.example', 'https://b.example'] });
    expect(config.limits).toMatchObject({ cost: 5000, rateWindowMs: 10_000 });
    expect(configFromEnv({ CLAIMLINE_CORS_ORIGINS: 'none' }).corsOrigins).toEqual([]);
    // Server processes: a number, or auto (one per core, at most 4); one for a database in memory.
    expect(configFromEnv({ CLAIMLINE_WORKERS: '3' }).workers).toBe(3);
    expect(configFromEnv({ CLAIMLINE_WORKERS: 'auto' }).workers).toBe(Math.min(availableParallelism(), 4));
    expect(configFromEnv({ CLAIMLINE_WORKERS: '3', CLAIMLINE_DB: ':memory:' }).workers).toBe(1);
    expect(configFromEnv({ CLAIMLINE_SUBSCRIPTION_BACKLOG: '500' }).limits.subscriptionBacklog).toBe(500);
    for (const [name, value] of [['PORT', 'abc'], ['PORT', '70000'], ['CLAIMLINE_MAX_DEPTH', '0'], ['CLAIMLINE_TRUST_PROXY', 'maybe'], ['CLAIMLINE_CORS_ORIGINS', 'not a url'], ['CLAIMLINE_WORKERS', 'lots'], ['CLAIMLINE_WORKERS', '0'], ['CLAIMLINE_SUBSCRIPTION_BACKLOG', '0']] as const) {
      const attempt = () => configFromEnv({ [name]: value });
      expect(attempt).toThrow(InputError);
      try {
        attempt();
      } catch (error) {
        expect((error as InputError).field).toEqual([name]);
      }
    }
  });
});

describe('CORS', () => {
  const preflight = (app: ReturnType<typeof createApp>, origin: string) =>
    app.fetch('http://claimline.test/graphql', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' } });

  it('answers any origin with * and never allows credentials, by default', async () => {
    const app = createApp({ db: seededDb().db });
    for (const origin of ['https://timeline.example.org', 'null']) {
      const response = await preflight(app, origin);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('names a configured origin back and gives any other no CORS headers at all', async () => {
    const app = createApp({ db: seededDb().db, corsOrigins: ['https://a.example', 'https://b.example'] });
    expect((await preflight(app, 'https://b.example')).headers.get('access-control-allow-origin')).toBe('https://b.example');
    for (const origin of ['https://evil.example', 'null']) {
      const response = await preflight(app, origin);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
    const none = createApp({ db: seededDb().db, corsOrigins: [] });
    expect((await preflight(none, 'https://a.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('listening', () => {
  it('binds the address asked for and says which', async () => {
    const { db } = seededDb();
    const listening = await listen(db, 0, '127.0.0.1');
    try {
      expect(listening.address).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(listening.url).toBe(`http://${listening.address}/graphql`);
      const response = await fetch(listening.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      expect(response.status).toBe(200);
    } finally {
      expect(await listening.close(1000)).toBe(true);
    }
  });
});
