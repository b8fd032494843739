import { sql } from 'drizzle-orm';
import { allRows, firstRow } from '../src/db/statements.ts';
import { describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { InputError } from '../src/domain/errors.ts';
import { loadBundle, readBundleFile } from '../src/domain/bundle.ts';
import { generatedTimeline } from './builders.ts';
import { SEED_BUNDLE_PATH } from './paths.ts';
import { testDb } from './helpers.ts';

const TABLES = ['sources', 'actors', 'actor_aliases', 'actor_identifiers', 'actor_relations', 'places', 'place_aliases', 'items', 'events', 'event_participants', 'item_places', 'event_quantities', 'claims', 'claim_accused', 'links', 'quotes', 'citations', 'record_keys'];

function counts(db: Db): Record<string, number> {
  return Object.fromEntries(TABLES.map((t) => [t, firstRow<{ n: number }>(db, sql.raw(`SELECT count(*) AS n FROM ${t}`))!.n]));
}

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('the seed bundle', () => {
  it('loads the article whole, with no publisher invented', () => {
    const { db } = testDb();
    const report = loadBundle(db, readBundleFile(SEED_BUNDLE_PATH));
    expect(report.created).toMatchObject({ source: 1, actor: 13, place: 5, event: 8, claim: 6, link: 14, relation: 12 });
    const source = firstRow<{ publisher: string | null; url: string | null; published_edtf: string }>(db, sql`SELECT publisher, url, published_edtf FROM sources`)!;
    expect(source).toEqual({ publisher: null, url: null, published_edtf: '2017-10-11' });
  });

  it('changes nothing when loaded twice', () => {
    const { db } = testDb();
    loadBundle(db, readBundleFile(SEED_BUNDLE_PATH));
    const before = counts(db);
    const report = loadBundle(db, readBundleFile(SEED_BUNDLE_PATH));
    expect(counts(db)).toEqual(before);
    expect(Object.values(report.created).every((n) => n === 0)).toBe(true);
    expect(report.matched).toMatchObject({ source: 1, actor: 13, event: 8, claim: 6 });
  });

  it('stores the source text byte for byte, so quotes index into the article as published', () => {
    const { db } = testDb();
    loadBundle(db, readBundleFile(SEED_BUNDLE_PATH));
    const { text } = firstRow<{ text: string }>(db, sql`SELECT text FROM sources`)!;
    expect(text.startsWith("Moscow says US 'pretending' to fight IS in Iraq")).toBe(true);
    expect(text.length).toBe(2027);
  });
});

describe('an invalid bundle', () => {
  const valid = () => generatedTimeline({ events: 3 }) as any;

  it('names every offending field and writes nothing', () => {
    const { db } = testDb();
    const bundle = valid();
    bundle.claims[0].claimant = 'nobody';
    bundle.events[1].date = '2017-13';
    const badLink = bundle.links.push({ from: 'event-0', kind: 'REBUTS', to: 'event-1' }) - 1;
    const error = inputError(() => loadBundle(db, bundle));
    const fields = error.issues.map((i) => i.path.join('.'));
    expect(fields).toContain('claims.0.claimant');
    expect(fields).toContain(`links.${badLink}.from`);
    expect(fields).toContain(`links.${badLink}.to`);
    expect(counts(db).items).toBe(0);
    bundle.claims[0].claimant = 'alpha';
    bundle.links.pop();
    expect(inputError(() => loadBundle(db, bundle)).field).toEqual(['events', 1, 'date']);
    expect(counts(db)).toEqual(Object.fromEntries(TABLES.map((t) => [t, 0])));
  });

  it('rolls back everything when a quote deep inside does not match its source', () => {
    const { db } = testDb();
    const bundle = valid();
    bundle.claims.at(-1).citations[0].quote.exact = 'words the source never printed';
    const error = inputError(() => loadBundle(db, bundle));
    expect(error.field.join('.')).toMatch(/^claims\.\d+\.citations\.0\.quote\.exact$/);
    expect(counts(db)).toEqual(Object.fromEntries(TABLES.map((t) => [t, 0])));
  });

  it('refuses unknown fields and wrong types, by path', () => {
    const { db } = testDb();
    const bundle = valid();
    bundle.actors[0].nmae = 'typo';
    bundle.events[0].status = 'RUMOURED';
    const fields = inputError(() => loadBundle(db, bundle)).issues.map((i) => i.path.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['actors.0', 'events.0.status']));
  });

  it('refuses an event or claim with no source', () => {
    const { db } = testDb();
    const bundle = valid();
    bundle.events[0].citations = [];
    expect(inputError(() => loadBundle(db, bundle)).field).toEqual(['events', 0, 'citations']);
  });
});
