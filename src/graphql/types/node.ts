import { builder } from '../builder.ts';

const AS_OF = 'Read the record exactly as it stood at this instant (history is replayed backwards): a cited query gives the same answer later. One `asOf` per request; every field of the request reads at it.';

/** The `asOf` argument of the root reads; the as-of plugin (src/server/as-of.ts) acts on it. */
export function asOfArg(t: { arg: unknown }) {
  return (t as unknown as { arg: (options: object) => unknown }).arg({ type: 'DateTime', required: false, description: AS_OF }) as never;
}

builder.queryFields((t) => ({
  node: t.node({
    description: 'Fetches any object by its global ID; null when no such object exists.',
    args: {
      id: t.arg.id({ required: true, description: 'A global ID claimline issued.' }),
      asOf: asOfArg(t),
    },
    id: (_, args) => String(args.id),
  }),
  nodes: t.nodeList({
    description: 'Fetches objects by their global IDs, in order; null for each that does not exist.',
    args: {
      ids: t.arg.idList({ required: true, description: 'Global IDs claimline issued.' }),
      asOf: asOfArg(t),
    },
    ids: (_, args) => args.ids.map(String),
  }),
}));
