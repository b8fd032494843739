import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRACKED, shapeOf } from '../src/db/history.ts';
import * as schema from '../src/db/schema.ts';
import { ROOT } from './paths.ts';

// The house rules of DESIGN.md, checked on the source: which folder may import which, and which
// module writes the record.

const SRC = join(ROOT, 'src');
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
const layerOf = (file: string) => relative(SRC, file).split('/')[0]!;
const sources = files(SRC).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

/** What each layer may import from the project (any npm package is fine). */
const ALLOWED: Record<string, string[]> = {
  db: ['db'],
  domain: ['db', 'domain'],
  graphql: ['db', 'domain', 'graphql'],
  ingest: ['db', 'domain', 'ingest'],
  export: ['db', 'domain', 'export'],
  server: ['db', 'domain', 'graphql', 'ingest', 'export', 'server'],
  cli: ['db', 'domain', 'graphql', 'ingest', 'export', 'server', 'cli'],
};

describe('the house rules', () => {
  it('keep the import directions: db imports nothing above it, domain no GraphQL, GraphQL neither the server nor importers nor exporters', () => {
    const broken: string[] = [];
    for (const { file, text } of sources) {
      for (const [, target] of text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
        const layer = layerOf(resolve(dirname(file), target!));
        if (!ALLOWED[layerOf(file)]!.includes(layer)) broken.push(`${relative(ROOT, file)} imports ${target}`);
      }
      if (['db', 'domain'].includes(layerOf(file)) && /from '(graphql|@pothos\/[^']+|graphql-yoga)'/.test(text)) broken.push(`${relative(ROOT, file)} imports GraphQL`);
    }
    expect(broken).toEqual([]);
  });

  it('write the record in one module: only src/domain/write.ts and its set-based mode insert, update or delete record rows', () => {
    const tables = [...TRACKED.map(({ table }) => shapeOf(table).name), 'record_keys', 'changes', 'row_changes', 'actor_groups', 'event_groups'];
    const writes = new RegExp(`\\b(INSERT (?:OR \\w+ )?INTO|UPDATE(?: OR \\w+)?|DELETE FROM) (${tables.join('|')})\\b`);
    // The rewind of an as-of read undoes rows in a transaction that is always rolled back.
    const owners = ['src/domain/write.ts', 'src/domain/bulk.ts', 'src/domain/changes.ts', 'src/db/triggers.ts'];
    const writers = sources.filter(({ file, text }) => writes.test(text) && !owners.includes(relative(ROOT, file))).map(({ file }) => relative(ROOT, file));
    expect(writers).toEqual([]);
    // Nor does anything write through the query builder.
    const recordTables = Object.entries(schema).filter(([, table]) => TRACKED.some((t) => t.table === table) || [schema.recordKeys, schema.changes, schema.rowChanges].includes(table as never)).map(([name]) => name);
    const builder = new RegExp(`\\.(insert|update|delete)\\((${recordTables.join('|')})\\)`);
    const builders = sources.filter(({ text }) => builder.test(text)).map(({ file }) => relative(ROOT, file));
    expect(builders).toEqual([]);
  });

  it('keep SQL out of the GraphQL modules: they read through the domain and its loaders', () => {
    const withSql = sources.filter(({ file, text }) => layerOf(file) === 'graphql' && /from 'drizzle-orm|\.\$client|\.prepare\(|sql`/.test(text)).map(({ file }) => relative(ROOT, file));
    expect(withSql).toEqual([]);
  });
});
