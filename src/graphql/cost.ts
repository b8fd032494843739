import { getNamedType, isCompositeType, isListType, isNonNullType, type GraphQLField, type GraphQLOutputType } from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../domain/pagination.ts';

// The cost of a query is the number of objects it can produce, estimated before it runs, as
// GitHub's node limit counts them: `first: 100` under `first: 100` is 10,000 nodes. The
// complexity plugin sums each selected field's cost plus its sub-selection times its multiplier;
// these functions set both from the schema and the arguments.

/** How many items a plain (unpaginated) list is taken to hold: a participant list, a claim's quotes. */
export const LIST_ESTIMATE = 10;

const isList = (type: GraphQLOutputType): boolean => (isNonNullType(type) ? isList(type.ofType) : isListType(type));
const isConnection = <C>(field: GraphQLField<unknown, C>) => getNamedType(field.type).name.endsWith('Connection') && field.args.some((a) => a.name === 'first');
/** A connection's `edges` or `nodes`: one of each per item of the page the connection already counts. */
const isPageList = <C>(field: GraphQLField<unknown, C>) =>
  (field.name === 'edges' && getNamedType(field.type).name.endsWith('Edge')) || (field.name === 'nodes' && field.args.length === 0);

/** The size of a page a connection field asks for. */
export const pageSize = (args: { first?: unknown; last?: unknown }) => {
  const asked = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : DEFAULT_PAGE_SIZE;
  return Math.max(0, asked);
};

/** How many items a list-valued argument asks for (`nodes(ids:)`, `_entities(representations:)`). */
const askedItems = (args: Record<string, unknown>) => {
  for (const name of ['ids', 'representations']) if (Array.isArray(args[name])) return (args[name] as unknown[]).length;
  return null;
};

/**
 * The cost of one field: scalars and enums cost nothing; an object costs 1; a list of objects
 * costs one per item it can hold (its argument's length, or LIST_ESTIMATE); a connection costs
 * itself plus `first` (or `last`, or the default page) times what each item selects.
 */
export function fieldCost<C>(args: Record<string, unknown>, _ctx: C, field: GraphQLField<unknown, C>): { field: number; multiplier: number } {
  if (!isCompositeType(getNamedType(field.type))) return { field: 0, multiplier: 1 };
  if (isConnection(field)) return { field: 1, multiplier: pageSize(args) };
  if (isPageList(field)) return { field: 1, multiplier: 1 };
  if (isList(field.type)) {
    const items = askedItems(args) ?? LIST_ESTIMATE;
    return { field: items, multiplier: items };
  }
  return { field: 1, multiplier: 1 };
}

function objectsIn(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const v of value) n += objectsIn(v);
    return n;
  }
  n = 1;
  for (const key in value) n += objectsIn((value as Record<string, unknown>)[key]);
  return n;
}

/** The objects a result's data holds below its root: the cost a query turned out to have, beside its estimate. */
export const resultCost = (data: Record<string, unknown> | null | undefined) => (data ? objectsIn(data) - 1 : 0);

/**
 * Per-argument limits, set with `extensions` on an argument or input field; the server checks
 * every argument against them (or its defaults) before the request runs.
 */
export interface ArgumentLimits {
  /** Items the list may hold (default: Limits.listItems). */
  maxItems?: number;
  /** Characters each string may hold (default: Limits.stringLength). */
  maxLength?: number;
  /** A check of the value before the request runs (e.g. the terms of a search); throws InputError. */
  check?: (value: never, field: string[]) => void;
}

