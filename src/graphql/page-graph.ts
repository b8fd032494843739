import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo } from 'graphql';
import type { ItemColumns, ItemRow } from '../domain/timeline.ts';
import type { Context } from './context.ts';
import { claimAccused, eventParticipants, itemCitations, linksFrom, linksTo } from './loaders.ts';
import { heldRow, holdRows } from './refs.ts';

// A page of timeline items read with the part of its graph the query asks for. The selection
// under a root item connection is read once per document into a plan: which columns the items
// need (lean ones unless a field asks for more), and which of their participants, accused,
// quotes, citations, links, link ends and actors it selects. Those are read for the whole page
// at once, one statement each, before any item resolves; the items' fields then find them held,
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
  if (plan.citations) {
    const quoteIds = itemCitations(ctx).fill((plan.citations === 'items' ? rows : claims).map((r) => r.id)).map((c) => c.quoteId);
    if (plan.quotes) {
      holdRows(ctx, 'Quote', quoteIds);
      if (plan.quotes.speakers) for (const id of quoteIds) if (id !== null) actors.push(heldRow(ctx, 'Quote', id)?.speakerId ?? null);
    }
  }
  const ids = rows.map((r) => r.id);
  const ends: number[] = [];
  const linksOut = plan.linksOut && linksFrom(ctx).fill(ids);
  const linksIn = plan.linksIn && linksTo(ctx).fill(ids);
  if (linksOut && plan.linksOut!.ends) ends.push(...linksOut.map((l) => l.toItemId));
  if (linksIn && plan.linksIn!.ends) ends.push(...linksIn.map((l) => l.fromItemId));
  // Both directions' other ends in one statement, with every column if either asks for more than the lean ones.
  if (ends.length) holdRows(ctx, 'TimelineItem', ends, plan.linksOut?.ends === 'all' || plan.linksIn?.ends === 'all' ? 'all' : 'lean');
  if (actors.length) holdRows(ctx, 'Actor', actors);
}
