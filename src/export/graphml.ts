import { actorNetwork, MAX_ITEMS_PER_EDGE } from '../domain/graph.ts';
import { actorsByIds } from '../domain/records.ts';
import type { Exporter } from './formats.ts';
import { globalId } from '../domain/global-id.ts';
import { escapeMarkup, itemTypenames } from './slice.ts';

// GraphML (http://graphml.graphdrawing.org/) of the actor network, as Gephi and yEd load it: a
// node per actor (label, kind, country), a directed edge per kind of act between two actors, with
// its count as Gephi's `weight` and the global IDs of the first items behind it.

const KEYS = [
  ['label', 'node', 'string', 'The actor’s name.'],
  ['kind', 'node', 'string', 'The actor’s kind (STATE, MILITARY, PERSON…).'],
  ['country', 'node', 'string', 'The actor’s country (ISO 3166-1 alpha-2), when known.'],
  ['edge_kind', 'edge', 'string', 'What the source did to the target: ACCUSED, REBUTTED, ACTED_AGAINST, BACKED, FACED (undirected: side 1 to side 2), ASSOCIATED_WITH.'],
  ['weight', 'edge', 'int', 'How many items make the edge.'],
  ['items', 'edge', 'string', `The global IDs of the first items behind the edge (at most ${MAX_ITEMS_PER_EDGE}), space-separated.`],
] as const;

export const graphMl: Exporter = {
  contentType: 'application/graphml+xml; charset=utf-8',
  extension: 'graphml',
  description: 'GraphML of the actor network behind the items (loads in Gephi, yEd, NetworkX)',
  *render(db, filter) {
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
    for (const [id, target, type, description] of KEYS) {
      yield `  <key id="${id}" for="${target}" attr.name="${id === 'edge_kind' ? 'kind' : id}" attr.type="${type}"><desc>${escapeMarkup(description)}</desc></key>\n`;
    }
    yield '  <graph id="actors" edgedefault="directed">\n';
    // The network is one aggregate over the items: its size is the number of actor pairs, not of items.
    const edges = actorNetwork(db, filter, MAX_ITEMS_PER_EDGE);
    const actors = actorsByIds(db, [...new Set(edges.flatMap((e) => [e.source, e.target]))]).sort((a, b) => a.id - b.id);
    for (const actor of actors) {
      const data = [`<data key="label">${escapeMarkup(actor.name)}</data>`, `<data key="kind">${actor.kind}</data>`, actor.country ? `<data key="country">${actor.country}</data>` : ''];
      yield `    <node id="${globalId('Actor', actor.id)}">${data.join('')}</node>\n`;
    }
    const typeOf = itemTypenames(db, edges.flatMap((e) => e.itemIds));
    for (const [i, edge] of edges.entries()) {
      const items = edge.itemIds.map((id) => globalId(typeOf.get(id)!, id));
      yield `    <edge id="e${i + 1}" source="${globalId('Actor', edge.source)}" target="${globalId('Actor', edge.target)}"><data key="edge_kind">${edge.kind}</data><data key="weight">${edge.count}</data><data key="items">${items.join(' ')}</data></edge>\n`;
    }
    yield '  </graph>\n</graphml>\n';
  },
};
