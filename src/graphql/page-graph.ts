import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo } from 'graphql';
import { linksWithEnds, type ItemColumns, type ItemRow } from '../domain/timeline.ts';
import { citationsWithQuotes } from '../domain/records.ts';
import type { Context } from './context.ts';
import { claimAccused, eventParticipants, itemCitations, linksFrom, linksTo } from './loaders.ts';
import { heldRow, holdFetched, holdRows } from './refs.ts';

// A page of timeline items read with the part of its graph the query asks for. The selection
// under a root item connection is read once per document into a plan: which columns the items
// need (lean ones unless a field asks for more), and which of their participants, accused,
// quotes, citations, links, link ends and actors it selects. Those are read for the whole page
// at once, one statement each (citations with their quotes, links with their other ends: the
// baseline's seven statements for Q1), before any item resolves; the items' fields then find them held,
// without a loader or a promise. What the plan does not cover still loads through the batched
// loaders, so a plan that misses a field costs a statement, never a wrong answer.

/** The fields of items that read columns a lean row lacks (src/domain/timeline.ts: ItemColumns). */
const NEEDS_ALL_COLUMNS = new Set(['date', 'title', 'kind', 'mode', 'contexts', 'status', 'stance', 'statementKind', 'retraction']);

type Fields = ReadonlyMap<string, readonly FieldNode[]>;

/** The fields selected directly under these field nodes, through inline fragments and fragment spreads. */
function fieldsUnder(nodes: readonly FieldNode[] | undefined, fragments: Record<string, FragmentDefinitionNode>): Fields {
  const found = new Map<string, FieldNode[]>();
  const walk = (selections: FieldNode['selectionSet'], seen: Set<string>) => {
    for (const selection of selections?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        found.set(name, [...(found.get(name) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        walk(fragments[selection.name.value]?.selectionSet, new Set([...seen, selection.name.value]));
      }
    }
  };
  for (const node of nodes ?? []) walk(node.selectionSet, new Set());
  return found;
}

const columnsFor = (fields: Fields): ItemColumns => ([...fields.keys()].some((name) => NEEDS_ALL_COLUMNS.has(name)) ? 'all' : 'lean');

/** What a page reads with itself. */
interface PagePlan {
  columns: ItemColumns;
  claimant: boolean;
  spokesperson: boolean;
  participants: { actors: boolean } | null;
  accused: boolean;
  /** Citations of every item (`citations`, `sources`) or of the claims only (`quotes`). */
  citations: 'items' | 'claims' | null;
  quotes: { speakers: boolean } | null;
  /** Links out and in, with the columns of their other ends when those are selected. */
  linksOut: { ends: ItemColumns | null } | null;
  linksIn: { ends: ItemColumns | null } | null;
}

const plans = new WeakMap<FieldNode, PagePlan>();

function planFor(info: GraphQLResolveInfo): PagePlan {
  const cached = plans.get(info.fieldNodes[0]!);
  if (cached) return cached;
  const under = (nodes: readonly FieldNode[] | undefined) => fieldsUnder(nodes, info.fragments);
  const connection = under(info.fieldNodes);
  const items = new Map<string, FieldNode[]>();
  for (const nodes of [connection.get('nodes'), under(connection.get('edges')).get('node')]) {
    for (const [name, selected] of under(nodes)) items.set(name, [...(items.get(name) ?? []), ...selected]);
  }
  const quotes = under(items.get('quotes'));
  const citationQuotes = under(under(items.get('citations')).get('quote'));
  const links = (field: string, end: string) => {
    if (!items.has(field)) return null;
    const ends = under(items.get(field)).get(end);
    return { ends: ends ? columnsFor(under(ends)) : null };
  };
  const plan: PagePlan = {
    columns: columnsFor(items),
    claimant: items.has('claimant'),
    spokesperson: items.has('spokesperson'),
    participants: items.has('participants') ? { actors: under(items.get('participants')).has('actor') } : null,
    accused: items.has('accused'),
    citations: items.has('citations') || items.has('sources') ? 'items' : items.has('quotes') ? 'claims' : null,
    quotes: items.has('quotes') || citationQuotes.size > 0 ? { speakers: quotes.has('speaker') || citationQuotes.has('speaker') } : null,
    linksOut: links('linksOut', 'to'),
    linksIn: links('linksIn', 'from'),
  };
  plans.set(info.fieldNodes[0]!, plan);
  return plan;
}

/** The columns a root page of items under `info` reads. */
export const pageColumns = (info: GraphQLResolveInfo): ItemColumns => planFor(info).columns;

/** Reads, for the page `rows`, the related rows its plan selects (see above). */
export function fetchPageGraph(ctx: Context, info: GraphQLResolveInfo, rows: readonly ItemRow[]): void {
  if (rows.length === 0) return;
  const plan = planFor(info);
  const claims = rows.filter((r) => r.type !== 'EVENT');
  const actors: (number | null)[] = [];
  if (plan.claimant) actors.push(...claims.map((c) => c.claimantId));
  if (plan.spokesperson) actors.push(...claims.map((c) => c.spokespersonId));
  if (plan.participants) {
    const participants = eventParticipants(ctx).fill(rows.filter((r) => r.type === 'EVENT').map((r) => r.id));
    if (plan.participants.actors) actors.push(...participants.map((p) => p.actorId));
  }
  if (plan.accused) actors.push(...claimAccused(ctx).fill(claims.filter((r) => r.type === 'ACCUSATION').map((r) => r.id)).map((a) => a.actorId));
  // The rows that others name are read with them, in the same statement (each statement is a
  // round trip on PostgreSQL): citations with their quotes, links with their other ends.
  if (plan.citations) {
    const cited = (plan.citations === 'items' ? rows : claims).map((r) => r.id);
    const quoteIds = itemCitations(ctx)
      .fill(cited, plan.quotes ? (missing) => held(ctx, 'Quote', citationsWithQuotes(ctx.db, missing)) : undefined)
      .map((c) => c.quoteId);
    if (plan.quotes?.speakers) for (const id of quoteIds) if (id !== null) actors.push(heldRow(ctx, 'Quote', id)?.speakerId ?? null);
  }
  const ids = rows.map((r) => r.id);
  // Both directions' other ends with every column if either asks for more than the lean ones (an end is held once).
  const ends = plan.linksOut?.ends === 'all' || plan.linksIn?.ends === 'all' ? 'all' : 'lean';
  if (plan.linksOut) linksFrom(ctx).fill(ids, plan.linksOut.ends ? (missing) => held(ctx, 'TimelineItem', linksWithEnds.to[ends](ctx.db, missing), ends) : undefined);
  if (plan.linksIn) linksTo(ctx).fill(ids, plan.linksIn.ends ? (missing) => held(ctx, 'TimelineItem', linksWithEnds.from[ends](ctx.db, missing), ends) : undefined);
  if (actors.length) holdRows(ctx, 'Actor', actors);
}

/** The rows of a batch read with the records they name, those records held for the request. */
function held<R, K extends 'Quote' | 'TimelineItem'>(ctx: Context, kind: K, read: { rows: R[]; joined: Parameters<typeof holdFetched<K>>[2] }, columns?: ItemColumns): R[] {
  holdFetched(ctx, kind, read.joined, columns);
  return read.rows;
}
