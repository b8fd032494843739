import { beforeAll, describe, expect, it } from 'vitest';
import { loadBundle } from '../src/domain/bundle.ts';
import { createApp } from '../src/server/app.ts';
import { generatedTimeline } from './builders.ts';
import { data, testDb } from './helpers.ts';

let app: ReturnType<typeof createApp>;
const EVENTS = 120; // 120 events + 120 accusations + 60 rebuttals = 300 items

beforeAll(() => {
  const { db } = testDb();
  loadBundle(db, generatedTimeline({ events: EVENTS }));
  app = createApp({ db });
});

const PAGE = `query($first: Int, $after: String, $last: Int, $before: String, $direction: SortDirection) {
  timeline(first: $first, after: $after, last: $last, before: $before, orderBy: { direction: $direction }) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id date { earliest latest } } }
  }
}`;

async function walk(direction: 'ASC' | 'DESC', backward: boolean, size: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages <= 300; pages += 1) {
    const vars: Record<string, unknown> = backward ? { last: size, before: cursor, direction } : { first: size, after: cursor, direction };
    const { timeline }: { timeline: any } = await data(app, PAGE, vars);
    const page = timeline.edges.map((e: any) => e.node.id);
    ids.splice(backward ? 0 : ids.length, 0, ...page);
    const more = backward ? timeline.pageInfo.hasPreviousPage : timeline.pageInfo.hasNextPage;
    if (!more) return ids;
    cursor = backward ? timeline.pageInfo.startCursor : timeline.pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}

describe('keyset pagination of the timeline', () => {
  it('reads the same items in the same order forwards and backwards, in any page size', async () => {
    const { timeline: all } = await data(app, '{ timeline(first: 100) { totalCount } }');
    expect(all.totalCount).toBe(300);
    const forward = await walk('ASC', false, 7);
    expect(forward).toHaveLength(300);
    expect(new Set(forward).size).toBe(300);
    expect(await walk('ASC', true, 13)).toEqual(forward);
    expect(await walk('DESC', false, 100)).toEqual([...forward].reverse());
    expect(await walk('DESC', true, 1)).toEqual([...forward].reverse());
  });

  it('orders by earliest instant, then latest, then id', async () => {
    const { timeline } = await data(app, PAGE, { first: 100 });
    const keys = timeline.edges.map((e: any) => [Date.parse(e.node.date.earliest), e.node.date.latest ? Date.parse(e.node.date.latest) : Infinity]);
    for (let i = 1; i < keys.length; i += 1) {
      const [a, b] = [keys[i - 1], keys[i]];
      expect(a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1])).toBe(true);
    }
  });

  it('reports page boundaries as Relay specifies', async () => {
    const first = (await data(app, PAGE, { first: 10 })).timeline;
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.pageInfo.startCursor).toBe(first.edges[0].cursor);
    const second = (await data(app, PAGE, { first: 10, after: first.pageInfo.endCursor })).timeline;
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    const back = (await data(app, PAGE, { last: 10, before: second.pageInfo.startCursor })).timeline;
    expect(back.edges.map((e: any) => e.node.id)).toEqual(first.edges.map((e: any) => e.node.id));
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect((await data(app, PAGE, { first: 0 })).timeline.edges).toEqual([]);
  });

  it('pages nested connections and root lists of actors and places the same way', async () => {
    const { actors } = await data(app, '{ actors(first: 2) { totalCount pageInfo { endCursor } nodes { name events(first: 5) { totalCount nodes { id } } } } }');
    expect(actors.totalCount).toBe(4);
    expect(actors.nodes.map((a: any) => a.name)).toEqual(['Actor alpha', 'Actor bravo']);
    expect(actors.nodes[0].events.totalCount).toBe(60); // agent of every 4th event, target of every 4th
    const rest = await data(app, 'query($after: String) { actors(after: $after) { nodes { name } } }', { after: actors.pageInfo.endCursor });
    expect(rest.actors.nodes.map((a: any) => a.name)).toEqual(['Actor charlie', 'Actor delta']);
    const desc = await data(app, '{ places(orderBy: { direction: DESC }) { nodes { name } } }');
    expect(desc.places.nodes.map((p: any) => p.name)).toEqual(['Syria', 'Idlib']);
  });
});
