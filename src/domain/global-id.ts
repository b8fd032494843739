import { InputError } from './errors.ts';

/** The types whose global IDs claimline issues: `node(id:)` and `_entities` refuse any other. */
export const NODE_TYPES = new Set(['Actor', 'ActorRelation', 'Place', 'Source', 'Quote', 'Event', 'Accusation', 'Rebuttal', 'Statement', 'Link', 'SameAs']);

/** A record's global ID, as the API issues it. */
export const globalId = (typename: string, id: number | bigint) => Buffer.from(`${typename}:${id}`).toString('base64');

/** Global IDs are base64 of "Type:key", as Relay servers commonly issue them; clients treat them as opaque. */
export function decodeGlobalID(globalID: string): { typename: string; id: string } {
  const decoded = Buffer.from(globalID, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  const typename = decoded.slice(0, separator);
  if (separator < 1 || !NODE_TYPES.has(typename) || Buffer.from(decoded, 'utf8').toString('base64') !== globalID) {
    throw new InputError(['id'], `"${globalID}" is not an ID claimline issued`);
  }
  return { typename, id: decoded.slice(separator + 1) };
}

/** The numeric key inside a global ID; anything else is the client's mistake. */
export function parseKey(id: string): number {
  if (!/^[1-9][0-9]{0,15}$/.test(id)) throw new InputError(['id'], `"${id}" is not an ID claimline issued`);
  return Number(id);
}

/** A global ID that must name one of these types, decoded; a malformed or foreign one names `field`. */
export function decodeIdOf(globalID: string, types: readonly string[], field: string): { typename: string; id: number } {
  try {
    const { typename, id } = decodeGlobalID(globalID);
    if (!types.includes(typename)) throw new InputError([field], `"${globalID}" is a ${typename} ID; give ${types.join(' or ')}`);
    return { typename, id: parseKey(id) };
  } catch (error) {
    throw error instanceof InputError && error.field[0] !== field ? new InputError([field], error.issues[0]!.message) : error;
  }
}
