import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  parse,
  validate,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { globalId } from '../src/domain/global-id.ts';
import { loadBundle, readBundleFile } from '../src/domain/bundle.ts';
import { schema } from '../src/graphql/schema.ts';
import { createApp } from '../src/server/app.ts';
import { sharedDb } from './helpers.ts';
import { SEED_BUNDLE_PATH } from './paths.ts';

// Random valid queries, generated from the schema by a seeded walk: random fields, arguments at
// their edges (page sizes 0 and 101, IDs of every type and of nothing, dates with and without
// bounds), fragments on interfaces and unions, nesting to the depth limit. None may end in an
// internal error or a 500: a client's mistake gets a typed error, an over-limit query a refusal.

// FUZZ_SEED and FUZZ_QUERIES run other walks (CI runs this one).
const QUERIES = Number(process.env.FUZZ_QUERIES ?? 2_000);
const MAX_DEPTH = 15;

/** mulberry32: a small, seeded, repeatable generator. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(schema: GraphQLSchema, ids: string[], seed: number) {
  const next = random(seed);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const chance = (p: number) => next() < p;
  const STRINGS = ['', 'ISIS', 'Konashenkov', 'absolutely false', 'Syria*', '"quoted" OR x', 'ünïcödé', 'x'.repeat(1_200), 'a b c', '2017', '\t', 'NOT'];
  const DATES = ['2017-10-10', '2017-09', '2017', '2015/..', '../2017', '2017-09~', '2017-10-11/2017-10-01', '[2017..2018]', '{2017,2018}', '99999999999999999999', 'Y170000002', 'yesterday', ''];
  const INSTANTS = ['2017-10-11T00:00:00Z', '1970-01-01T00:00:00Z', '2100-01-01T00:00:00Z', new Date().toISOString()];
  const INTS = [0, 1, 1, 2, 2, 3, 3, 5, 5, 20, 100, 101, -1, 2147483647];
  const FLOATS = [0, 1.5, -90, 90, 180, -180, 36.2, -181, 1e10];

  const scalar = (name: string, argName: string): string => {
    switch (name) {
      case 'Int':
        return String(pick(INTS));
      case 'Float':
      case 'Latitude':
      case 'Longitude':
        return String(pick(FLOATS));
      case 'Boolean':
        return String(chance(0.5));
      case 'ID':
        return JSON.stringify(chance(0.85) ? pick(ids) : pick(['garbage', globalId('Actor', 999_999), globalId('Nothing', 1), '']));
      case 'DateTime':
        return JSON.stringify(pick(INSTANTS));
      case 'URL':
        return JSON.stringify(pick(['https://example.org/a', 'http://x.test/']));
      case 'CountryCode':
        return JSON.stringify(pick(['SY', 'IQ', 'US', 'RU']));
      case 'JSONObject':
        return '{}';
      case '_Any':
        return `{ __typename: ${JSON.stringify(pick(['Actor', 'Event', 'Source', 'Claim', 'Nope']))}, id: ${JSON.stringify(pick(ids))} }`;
      case 'String':
        return JSON.stringify(/date|from|to|valid|published/i.test(argName) ? pick(DATES) : pick(STRINGS));
      default:
        return JSON.stringify(pick(STRINGS));
    }
  };

  const value = (type: GraphQLInputType, name: string, depth: number): string => {
    if (isNonNullType(type)) return value(type.ofType, name, depth);
    if (isListType(type)) return `[${Array.from({ length: Math.floor(next() * 4) }, () => value(type.ofType, name, depth)).join(', ')}]`;
    if (isEnumType(type)) return pick(type.getValues()).name;
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) || (depth < 3 && chance(0.4)));
      return `{ ${fields.map((f) => `${f.name}: ${value(f.type, f.name, depth + 1)}`).join(', ')} }`;
    }
    return isScalarType(type) ? scalar(type.name, name) : 'null';
  };

  const args = (field: GraphQLField<unknown, unknown>) => {
    // Cursors the walk makes up are refused (as they should be): they come rarely.
    const chosen = field.args.filter((a) => isNonNullType(a.type) || chance(a.name === 'after' || a.name === 'before' ? 0.05 : a.name === 'last' ? 0.15 : 0.4));
    return chosen.length ? `(${chosen.map((a) => `${a.name}: ${value(a.type, a.name, 0)}`).join(', ')})` : '';
  };

  let aliases = 0;
  let deep = false;
  const selection = (type: GraphQLNamedType, depth: number): string => {
    if (isUnionType(type) || (isInterfaceType(type) && chance(0.5))) {
      const possible = schema.getPossibleTypes(type as never);
      const fragments = Array.from({ length: 1 + Math.floor(next() * 2) }, () => pick(possible)).map((t) => `... on ${t.name} { ${fields(t, depth)} }`);
      return `__typename ${fragments.join(' ')}`;
    }
    return fields(type, depth);
  };
  const fields = (type: GraphQLNamedType, depth: number): string => {
    if (!isObjectType(type) && !isInterfaceType(type)) return '';
    const all = Object.values(type.getFields()).filter((f) => !f.name.startsWith('_') || type.name === 'Query');
    const chosen = new Map<string, GraphQLField<unknown, unknown>>();
    // Wide and shallow mostly; a deep walk (one branch down to the depth limit) now and then.
    const wanted = deep ? 1 + Math.floor(next() * 2) : Math.max(1, 1 + Math.floor(next() * 4) - Math.floor(depth / 3));
    for (let i = 0; i < wanted * 3 && chosen.size < wanted; i += 1) {
      const field = pick(all);
      const composite = isCompositeType(getNamedType(field.type));
      if (composite && (depth >= MAX_DEPTH - 1 || (!deep && chance(depth / 7)))) continue;
      chosen.set(field.name, field);
    }
    const parts = [...chosen.values()].map((field) => {
      const named = getNamedType(field.type);
      // Now and then the same field twice, under an alias, with other arguments.
      const alias = aliases < 10 && field.args.length && chance(0.1) ? `a${(aliases += 1)}: ` : '';
      const sub = isCompositeType(named) ? ` { ${selection(named, depth + 1)} }` : '';
      return `${alias}${field.name}${args(field)}${sub}`;
    });
    return parts.length ? parts.join(' ') : '__typename';
  };

  return () => {
    aliases = 0;
    deep = chance(0.1);
    return `{ ${fields(schema.getQueryType()!, 1)} }`;
  };
}

describe('random valid queries', () => {
  it(`never end in an internal error or a 500 (${QUERIES.toLocaleString('en')} of them, seeded)`, async () => {
    const { db } = sharedDb();
    loadBundle(db, readBundleFile(SEED_BUNDLE_PATH));
    const ids = db.$client
      .prepare(
        `SELECT 'Actor' AS type, id FROM actors UNION ALL SELECT 'Place', id FROM places UNION ALL SELECT 'Source', id FROM sources
         UNION ALL SELECT 'Quote', id FROM quotes UNION ALL SELECT 'Link', id FROM links UNION ALL SELECT 'ActorRelation', id FROM actor_relations
         UNION ALL SELECT CASE type WHEN 'EVENT' THEN 'Event' WHEN 'ACCUSATION' THEN 'Accusation' WHEN 'REBUTTAL' THEN 'Rebuttal' ELSE 'Statement' END, id FROM items`,
      )
      .all()
      .map((r) => globalId((r as { type: string }).type, (r as { id: number }).id));
    const app = createApp({ db, limits: { ratePoints: 0 } });
    const next = generator(schema, ids, Number(process.env.FUZZ_SEED ?? 20261201));
    const outcomes = { answered: 0, typed: 0, refused: 0 };
    const faults: string[] = [];
    let generated = 0;
    while (outcomes.answered + outcomes.typed + outcomes.refused < QUERIES) {
      const query = next();
      generated += 1;
      // Valid by construction most of the time; the rare invalid one (conflicting aliases) is redrawn.
      if (validate(schema, parse(query)).length) continue;
      const response = await app.fetch('http://claimline.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query }),
      });
      const text = await response.text();
      const body = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] };
      const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? 'NONE');
      if (response.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR') || codes.includes('NONE') || text.includes('Unexpected error')) {
        faults.push(`${response.status} ${text.slice(0, 300)}\n  for ${query.slice(0, 600)}`);
      }
      if (!body.errors) outcomes.answered += 1;
      else if (codes.some((c) => c.startsWith('MAX_') || c === 'TIMEOUT')) outcomes.refused += 1;
      else outcomes.typed += 1;
    }
    expect(faults.slice(0, 5)).toEqual([]);
    expect(faults).toHaveLength(0);
    // The walk must mostly reach the resolvers, or it tests only the limits.
    expect(outcomes.answered + outcomes.typed).toBeGreaterThan(QUERIES / 2);
    expect(generated).toBeLessThan(QUERIES * 2);
  }, 180_000);
});
