import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { loadBundle } from '../src/domain/bundle.ts';
import { pageRequest, type PageArgs } from '../src/domain/pagination.ts';
import { pageItems, type TimelineFilter } from '../src/domain/timeline.ts';
import { generatedTimeline } from './builders.ts';
import { onPostgres, testDb } from './helpers.ts';

// A membership filter (actors, places, sources) either drives the query from its small set of
// items, or, when large, is probed while the date index is scanned. Both must give the same pages.
let db: Db;
let statements: string[];
beforeAll(() => {
  ({ db, statements } = testDb());
  loadBundle(db, generatedTimeline({ events: 120 }));
});

const ids = (filter: TimelineFilter, args: PageArgs, threshold: number) => {
  const page = pageItems(db, filter, pageRequest(args, 'date:ASC', 3), 'ASC', { threshold });
  return { ids: page.rows.map((r) => r.id), next: page.hasNextPage, previous: page.hasPreviousPage, keys: page.keys };
};

// SQLite's plans, as EXPLAIN QUERY PLAN gives them (PostgreSQL's planner chooses by its statistics).
describe.skipIf(onPostgres)('the plans of membership filters', () => {
  const filters: [string, TimelineFilter][] = [
    ['an actor in any role', { actors: { ids: [1] } }],
    ['two actors as agents', { actors: { ids: [1, 2], roles: ['AGENT'] } }],
    ['a country with its provinces', { placeIds: [1] }],
    ['a source', { sourceIds: [1] }],
    ['an actor, a place and a date range together', { actors: { ids: [3] }, placeIds: [2], date: { earliest: Date.UTC(2017, 1, 1), latest: null, match: 'OVERLAPS' } }],
  ];
  for (const [name, filter] of filters) {
    it(`give the same pages, both ways, for ${name}`, () => {
      for (const args of [{ first: 7 }, { first: 100 }, { last: 9 }]) {
        const driven = ids(filter, args, Number.MAX_SAFE_INTEGER);
        const probed = ids(filter, args, 1);
        expect(probed).toEqual(driven);
        expect(driven.ids.length).toBeGreaterThan(0);
        if (driven.next) {
          const after = { first: 5, after: Buffer.from(JSON.stringify(['date:ASC', ...driven.keys.at(-1)!])).toString('base64url') };
          expect(ids(filter, after, 1)).toEqual(ids(filter, after, Number.MAX_SAFE_INTEGER));
        }
      }
    });
  }

  it('probe a large set while scanning the date index, with no sort of the whole set', () => {
    statements.length = 0;
    ids({ actors: { ids: [1] } }, { first: 10 }, 1);
    const page = statements.find((s) => s.includes('FROM items i'))!;
    const plan = db.$client.prepare(`EXPLAIN QUERY PLAN ${page}`).all().map((r: any) => r.detail as string).join('\n');
    expect(plan).toMatch(/SCAN i USING (COVERING )?INDEX items_date_idx/);
    expect(plan).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  });
});

// A page whose filter admits only events reads no claims, and one that admits only claims reads
// no events: the same rows, each column read or NULL as the item's kind has it.
describe('the tables a page joins', () => {
  const page = (filter: TimelineFilter) => {
    statements.length = 0;
    const rows = pageItems(db, filter, pageRequest({ first: 100 }, 'date:ASC', 3)).rows;
    return { rows, text: statements.find((s) => s.includes('FROM items i'))! };
  };
  const everything = () => pageItems(db, {}, { limit: 1000, backward: false, after: null, before: null }).rows;

  it.each([
    ['events', ['EVENT'], /JOIN events/, /JOIN claims/],
    ['accusations', ['ACCUSATION'], /JOIN claims/, /JOIN events/],
    ['rebuttals and statements', ['REBUTTAL', 'STATEMENT'], /JOIN claims/, /JOIN events/],
  ] as const)('for %s', (_, types, joined, left) => {
    const { rows, text } = page({ types: [...types] });
    expect(text).toMatch(joined);
    expect(text).not.toMatch(left);
    expect(rows.length).toBeGreaterThan(0);
    const wanted = everything().filter((r) => (types as readonly string[]).includes(r.type)).slice(0, 100);
    expect(rows).toEqual(wanted);
  });

  it('joins both when the filter names an event kind, whatever the types', () => {
    const { rows, text } = page({ types: ['ACCUSATION'], eventKinds: ['ASSAULT'] });
    expect(text).toMatch(/JOIN events/);
    expect(rows).toEqual([]);
  });
});
