import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { historyOf, type ChangeRow, type RowChange } from '../../domain/changes.ts';
import { pageArray, type PageArgs } from '../../domain/pagination.ts';
import { builder } from '../builder.ts';
import { countedConnection, requestFor, toConnection } from '../connection.ts';
import type { Context } from '../context.ts';
import { whenLoaded, type Loaded } from '../loaders.ts';
import { encodeGlobalID } from '@pothos/plugin-relay';
import * as editing from '../../domain/editing.ts';
import type { Ref } from '../../domain/validation.ts';
import { derivedInput } from '../inputs.ts';
import { payloadOf, runEdit } from '../mutation.ts';

/** One change of a record: every row it touched, with the values before and after. */
interface Revision {
  change: ChangeRow;
  rows: RowChange[];
}

const ChangeOperation = builder.enumType('ChangeOperation', {
  description: 'What a change did to a stored row.',
  values: {
    INSERT: { value: 'INSERT', description: 'The row was added.' },
    UPDATE: { value: 'UPDATE', description: 'The row’s values changed.' },
    DELETE: { value: 'DELETE', description: 'The row was removed (replaced lists, such as aliases, remove their old rows).' },
  } as const,
});

const RowChangeType = builder.objectRef<RowChange>('RowChange').implement({
  description: 'One stored row a change touched, as SQLite holds it.',
  fields: (t) => ({
    table: t.exposeString('tableName', { description: 'The table, e.g. "actors" or "actor_aliases".' }),
    operation: t.field({ type: ChangeOperation, description: 'Added, changed or removed.', resolve: (r) => r.operation }),
    before: t.field({ type: 'JSONObject', nullable: true, description: 'The row’s values before; null when it was added.', resolve: (r) => (r.before === null ? null : JSON.parse(r.before)) }),
    after: t.field({ type: 'JSONObject', nullable: true, description: 'The row’s values after; null when it was removed.', resolve: (r) => (r.after === null ? null : JSON.parse(r.after)) }),
  }),
});

const RevisionType = builder.objectRef<Revision>('Revision').implement({
  description: 'One change of a record: which mutation or command made it, who, when, and the values before and after.',
  fields: (t) => ({
    at: t.field({ type: 'DateTime', description: 'When the change was committed; pass it as `asOf` to read the record as it stood then.', resolve: (r) => r.change.at }),
    operation: t.string({ description: 'The mutation (e.g. "actorUpdate") or command (e.g. "seed", "import gdelt-events") that made it.', resolve: (r) => r.change.operation }),
    by: t.string({ nullable: true, description: 'The name of the API key that made it; null for the command line.', resolve: (r) => r.change.keyName }),
    rows: t.field({ type: [RowChangeType], description: 'The stored rows the change touched for this record.', resolve: (r) => r.rows }),
  }),
});

const RevisionConnection = countedConnection(RevisionType, 'Revision', 'changes of the record', 'oldest first');

/** Per request: the revisions of each record ("actor:7"), one statement per batch of records. */
const revisions = createContextCache(
  (ctx: Context) =>
    new DataLoader<string, Revision[]>(async (records) => {
      const { rows, changes } = historyOf(ctx.db, records);
      const byRecord = new Map<string, Revision[]>(records.map((r) => [r, []]));
      for (const row of rows) {
        const list = byRecord.get(row.record)!;
        const last = list.at(-1);
        if (last?.change.id === row.changeId) last.rows.push(row);
        else list.push({ change: changes.get(row.changeId)!, rows: [row] });
      }
      return records.map((r) => byRecord.get(r)!);
    }),
);

/**
 * The `history` connection of a node: `record` names the record its rows are filed under, and
 * `only` keeps the rows of one stored row (a relation or a link is filed under its actor or item).
 */
export function historyField<T extends { id: number }>(t: unknown, record: (row: T) => string, only?: { table: string }) {
  const f = t as PothosSchemaTypes.ObjectFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<{ Context: Context }>, T>;
  return f.connection(
    {
      type: RevisionType,
      description: 'Every change of this record, oldest first: which mutation or command, who, when, and the values before and after.',
      resolve: async (row: T, args: PageArgs, ctx: Context) => {
        let list = await revisions(ctx).load(record(row));
        if (only) {
          const mine = (r: RowChange) => r.tableName === only.table && (JSON.parse(r.after ?? r.before!) as { id: number }).id === row.id;
          list = list.map((rev) => ({ ...rev, rows: rev.rows.filter(mine) })).filter((rev) => rev.rows.length > 0);
        }
        const { request, ordering } = requestFor(args, 'history', 'ASC', 1);
        return toConnection(pageArray(list, request, (rev) => [rev.change.id]), ordering, () => list.length);
      },
    } as never,
    RevisionConnection as never,
  );
}

interface Retractable {
  retractedAt: string | null;
  retractionReason: string | null;
}

const Retraction = builder.objectRef<{ at: string; reason: string | null }>('Retraction').implement({
  description: 'Why and when a record was taken out of the record: it stays readable by ID, in history and in as-of reads, but leaves lists and search.',
  fields: (t) => ({
    at: t.field({ type: 'DateTime', description: 'When it was retracted.', resolve: (r) => r.at }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why, in the editor’s words.' }),
  }),
});

/** The `retraction` field of a retractable record: null while it stands. `full` reads the row's retraction columns when it may lack them. */
export function retractionField<T extends Retractable>(t: unknown, full: (row: T, ctx: Context) => Loaded<T> = (row) => row) {
  const f = t as PothosSchemaTypes.ObjectFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<{ Context: Context }>, T>;
  return f.field({
    type: Retraction,
    nullable: true,
    description: 'Set when the record was retracted (it then leaves lists and search); null while it stands.',
    resolve: (given: T, _, ctx: Context) => whenLoaded(full(given, ctx), (row) => (row.retractedAt === null ? null : { at: row.retractedAt, reason: row.retractionReason })),
  });
}

const RetractInput = derivedInput('RetractInput', 'Takes any record out of default reads, with a reason. Nothing is deleted: it stays readable by ID, in history and in as-of reads.', editing.retractInput);
const RetractedRecord = builder.objectRef<Ref>('RetractedRecord').implement({
  description: 'The record a retraction took out of default reads.',
  fields: (t) => ({
    record: t.node({ description: 'The record, with its `retraction` set.', id: (ref) => encodeGlobalID(ref.typename, ref.id) }),
  }),
});
builder.mutationField('retract', (t) =>
  t.field({
    type: RetractedRecord,
    description: 'Retracts any record (actor, relation, place, source, quote, event, claim, link) with a reason; nothing is deleted.',
    errors: payloadOf('retract', 'retracted', 'The retracted record.'),
    args: { input: t.arg({ type: RetractInput, required: true, description: 'What to retract, and why.' }) },
    resolve: (_, args, ctx) => runEdit(ctx, 'retract', (writer) => editing.retract(writer, args.input)),
  }),
);
