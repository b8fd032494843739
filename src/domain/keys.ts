import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { prepared } from '../db/statements.ts';
import { InputError, UnauthorizedError } from './errors.ts';
import { refuseReadOnly } from './write.ts';

export const SCOPES = ['write'] as const;
export type Scope = (typeof SCOPES)[number];

export interface KeyInfo {
  name: string;
  scopes: Scope[];
  createdAt: string;
  revokedAt: string | null;
}

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

/** Creates a key and returns it: the only time it is seen, since only its hash is stored. */
export function createKey(db: Db, name: string, scopes: readonly string[]): string {
  refuseReadOnly(db);
  if (!/^[\w.@-]{1,64}$/.test(name)) throw new InputError(['name'], 'a name of 1 to 64 letters, digits, ".", "@", "_" or "-"');
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length || scopes.length === 0) throw new InputError(['scopes'], `scopes are ${SCOPES.join(', ')}; got "${scopes.join(',')}"`);
  if (prepared(db, 'SELECT id FROM api_keys WHERE name = ?').get(name)) throw new InputError(['name'], `a key named "${name}" exists`);
  const key = `clk_${randomBytes(24).toString('base64url')}`;
  prepared(db, 'INSERT INTO api_keys (name, hash, scopes) VALUES (?, ?, ?)').run(name, hashOf(key), [...new Set(scopes)].join(' '));
  return key;
}

export function listKeys(db: Db): KeyInfo[] {
  const keys = prepared(db, `SELECT name, scopes, created_at AS "createdAt", revoked_at AS "revokedAt" FROM api_keys ORDER BY name`).all() as (Omit<KeyInfo, 'scopes'> & { scopes: string })[];
  return keys.map((k) => ({ ...k, scopes: k.scopes.split(' ') as Scope[] }));
}

export function revokeKey(db: Db, name: string): void {
  refuseReadOnly(db);
  const done = prepared(db, 'UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL').run(new Date().toISOString(), name);
  if (done.changes === 0) throw new InputError(['name'], `no active key named "${name}"`);
}

/** The token an `Authorization: Bearer <key>` header carries, or undefined. */
export const bearerToken = (authorization: string | null | undefined): string | undefined => /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];

/**
 * The name of the active key each token is, each answer kept for 10 s: a request charged or
 * routed by its key runs no SQL for it but every few seconds (a revoked key counts within 10 s).
 */
export function keyNames(): (db: Db, token: string) => string | null {
  const known = new Map<string, { name: string | null; until: number }>();
  return (db, token) => {
    let entry = known.get(token);
    if (!entry || entry.until < Date.now()) {
      if (known.size > 10_000) known.clear();
      let name: string | null;
      try {
        name = keyNameOf(db, token);
      } catch {
        // The database is away: the request goes on under the name last looked up, or as one without a key (its own statements then say why they fail).
        return entry?.name ?? null;
      }
      entry = { name, until: Date.now() + 10_000 };
      known.set(token, entry);
    }
    return entry.name;
  };
}

/** The key a token is, by its hash: one statement, prepared once (every request with a key asks it). */
const keyByHash = (db: Db, key: string) =>
  prepared(db, 'SELECT name, scopes, revoked_at AS "revokedAt" FROM api_keys WHERE hash = ?').get(hashOf(key)) as { name: string; scopes: string; revokedAt: string | null } | undefined;

/**
 * The key named by an `Authorization: Bearer <key>` header, if it may use `scope`; otherwise an
 * UnauthorizedError that says what is wrong (no key, unknown key, revoked key, missing scope).
 */
export function authorize(db: Db, authorization: string | null, scope: Scope): string {
  if (!authorization) throw new UnauthorizedError(`writes need an API key with the "${scope}" scope, sent as "Authorization: Bearer <key>"`);
  const token = bearerToken(authorization);
  if (!token) throw new UnauthorizedError('the Authorization header must be "Bearer <key>"');
  const key = keyByHash(db, token);
  if (!key) throw new UnauthorizedError('unknown API key');
  if (key.revokedAt) throw new UnauthorizedError(`the API key "${key.name}" was revoked at ${key.revokedAt}`);
  if (!key.scopes.split(' ').includes(scope)) throw new UnauthorizedError(`the API key "${key.name}" lacks the "${scope}" scope`);
  return key.name;
}

/** The name of the active key a token is, or null (unknown or revoked): for charging reads to their key. */
export function keyNameOf(db: Db, key: string): string | null {
  const row = keyByHash(db, key);
  return row && row.revokedAt === null ? row.name : null;
}
