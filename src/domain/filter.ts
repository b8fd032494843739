import { InputError } from './errors.ts';
import { FILTER_PARAMS, type FilterParams } from './filter-params.ts';
import { parseFuzzyDate, placedDate } from './fuzzy-date.ts';
import { decodeIdOf } from './global-id.ts';
import { toMatchExpression } from './search.ts';
import type { BoundingBox, TimelineFilter } from './timeline.ts';
import {
  ACTOR_RELATION_KINDS,
  ACTOR_ROLES,
  DATE_MATCHES,
  EVENT_KINDS,
  EVENT_STATUSES,
  ITEM_IDENTIFIER_SCHEMES,
  ITEM_TYPES,
  RESOLUTIONS,
  type ActorRelationKind,
  type ActorRole,
  type DateMatch,
  type EventKind,
  type EventStatus,
  type ItemIdentifierScheme,
  type ItemType,
  type Resolution,
} from '../db/vocabulary.ts';

/** A timeline filter as a client gives it (GraphQL's TimelineFilter, or an export's parameters), ids decoded. */
export interface FilterInput {
  types?: readonly ItemType[] | null;
  eventKinds?: readonly EventKind[] | null;
  statuses?: readonly EventStatus[] | null;
  actors?: readonly number[] | null;
  actorRoles?: readonly ActorRole[] | null;
  followRelations?: readonly ActorRelationKind[] | null;
  /** RESOLVED: `actors` matches every record of each actor's same-as group, and each group of events is its earliest record. */
  resolve?: Resolution | null;
  places?: readonly number[] | null;
  area?: BoundingBox | null;
  sources?: readonly number[] | null;
  rebutted?: boolean | null;
  search?: string | null;
  identifiers?: readonly { scheme: ItemIdentifierScheme; value: string }[] | null;
  date?: { from?: string | null; to?: string | null; match?: DateMatch | null } | null;
}

type Field = keyof FilterInput | 'date.from' | 'date.to' | `area.${keyof BoundingBox}`;

/**
 * Checks a filter and turns it into the domain's. `allowed` restricts the item types (events,
 * claims); `pathOf` names a field in the client's terms ("filter.date.from", or "from").
 */
export function buildFilter(input: FilterInput | null | undefined, allowed: readonly ItemType[] | null, pathOf: (field: Field) => string[]): TimelineFilter {
  const filter: TimelineFilter = {};
  if (allowed) filter.types = allowed;
  if (!input) return filter;
  if (input.types) {
    const outside = input.types.filter((type) => allowed && !allowed.includes(type));
    if (outside.length) throw new InputError(pathOf('types'), `this list holds only ${allowed!.join(', ')}; ${outside.join(', ')} cannot match (use timeline for all types)`);
    filter.types = input.types;
  }
  if (input.eventKinds) filter.eventKinds = input.eventKinds;
  if (input.statuses) filter.statuses = input.statuses;
  if (input.actorRoles && !input.actors) throw new InputError(pathOf('actorRoles'), 'give actors for the roles to apply to');
  if (input.followRelations && !input.actors) throw new InputError(pathOf('followRelations'), 'give actors for the relations to start from');
  if (input.actors) filter.actors = { ids: input.actors, roles: input.actorRoles ?? undefined, follow: input.followRelations ?? undefined, sameAs: input.resolve === 'RESOLVED' || undefined };
  if (input.resolve === 'RESOLVED') filter.resolvedEvents = true;
  if (input.places) filter.placeIds = input.places;
  if (input.area) {
    const { south, north } = input.area;
    for (const [edge, limit] of [['south', 90], ['west', 180], ['north', 90], ['east', 180]] as const) {
      const value = input.area[edge];
      if (!(Math.abs(value) <= limit)) throw new InputError(pathOf(`area.${edge}`), `must be between -${limit} and ${limit} degrees`);
    }
    if (south > north) throw new InputError(pathOf('area.north'), `the box's north edge (${north}) is south of its south edge (${south})`);
    filter.area = input.area;
  }
  if (input.sources) filter.sourceIds = input.sources;
  if (input.identifiers) filter.identifiers = input.identifiers;
  if (input.rebutted != null) filter.rebutted = input.rebutted;
  if (input.search != null) {
    toMatchExpression(input.search, pathOf('search')); // refused here, before any output of an export
    filter.search = input.search;
  }
  if (input.date) {
    const { from, to, match } = input.date;
    const earliest = from == null ? null : rangeEnd(from, pathOf('date.from')).earliest;
    const latest = to == null ? null : rangeEnd(to, pathOf('date.to')).latest;
    if (earliest !== null && latest !== null && earliest > latest) throw new InputError(pathOf('date.to'), `the range ends (${to}) before it starts (${from})`);
    filter.date = { earliest, latest, match: match ?? 'OVERLAPS' };
  }
  return filter;
}

/** One end of a date range: a date or a period; a set or list of dates ("[2017, 2018]") bounds nothing. */
function rangeEnd(expression: string, path: string[]) {
  const date = placedDate(parseFuzzyDate(expression, path), path);
  if (/^[[{]/.test(date.edtf)) throw new InputError(path, `"${expression}" is a set of dates; a range starts or ends at one date or period (e.g. 2017, 2017-09, 2017-09-15)`);
  return date;
}

/** The query-string names of an export's filter (GET /export/F?…, and the CLI's --options). */

const PARAM_OF: Partial<Record<Field, string>> = { 'date.from': 'from', 'date.to': 'to', 'area.south': 'area', 'area.west': 'area', 'area.north': 'area', 'area.east': 'area' };

/**
 * A filter from text parameters, as in a URL: lists are comma-separated, ids are global IDs,
 * `area` is "south,west,north,east", `rebutted` is true or false, dates are EDTF.
 */
export function filterFromParams(params: FilterParams): TimelineFilter {
  const list = (name: keyof FilterParams) => params[name]?.split(',').map((v) => v.trim()).filter(Boolean);
  const oneOf = <T extends string>(name: keyof FilterParams, values: readonly T[]) => {
    const given = list(name);
    const unknown = given?.filter((v) => !values.includes(v as T));
    if (unknown?.length) throw new InputError([name], `unknown value ${unknown.map((v) => `"${v}"`).join(', ')}: use ${values.join(', ')}`);
    return given as T[] | undefined;
  };
  const ids = (name: keyof FilterParams, type: string) => list(name)?.map((global) => decodeIdOf(global, [type], name).id);
  let area: BoundingBox | undefined;
  if (params.area !== undefined) {
    const edges = params.area.split(',').map(Number);
    if (edges.length !== 4 || !edges.every(Number.isFinite)) throw new InputError(['area'], 'give south,west,north,east in decimal degrees');
    const [south, west, north, east] = edges as [number, number, number, number];
    area = { south, west, north, east };
  }
  const identifiers = list('identifiers')?.map((given) => {
    const [scheme, ...value] = given.split(':');
    if (!(ITEM_IDENTIFIER_SCHEMES as readonly string[]).includes(scheme!) || value.length === 0) throw new InputError(['identifiers'], `"${given}" is not SCHEME:VALUE with a scheme of ${ITEM_IDENTIFIER_SCHEMES.join(', ')}`);
    return { scheme: scheme as ItemIdentifierScheme, value: value.join(':') };
  });
  if (params.rebutted !== undefined && !['true', 'false'].includes(params.rebutted)) throw new InputError(['rebutted'], 'give true or false');
  const match = params.match === undefined ? undefined : oneOf('match', DATE_MATCHES)?.[0];
  return buildFilter(
    {
      types: oneOf('types', ITEM_TYPES),
      eventKinds: oneOf('eventKinds', EVENT_KINDS),
      statuses: oneOf('statuses', EVENT_STATUSES),
      actors: ids('actors', 'Actor'),
      actorRoles: oneOf('actorRoles', ACTOR_ROLES),
      followRelations: oneOf('followRelations', ACTOR_RELATION_KINDS),
      resolve: params.resolve === undefined ? undefined : oneOf('resolve', RESOLUTIONS)?.[0],
      places: ids('places', 'Place'),
      area,
      sources: ids('sources', 'Source'),
      rebutted: params.rebutted === undefined ? undefined : params.rebutted === 'true',
      search: params.search,
      identifiers,
      date: params.from !== undefined || params.to !== undefined || match ? { from: params.from, to: params.to, match } : undefined,
    },
    null,
    (field) => [PARAM_OF[field] ?? field],
  );
}
