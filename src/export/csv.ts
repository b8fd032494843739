import { dateFacets } from '../domain/fuzzy-date.ts';
import { InputError } from '../domain/errors.ts';
import type { Exporter } from './formats.ts';
import { globalId } from '../domain/global-id.ts';
import { CODINGS, type CodingName } from '../domain/write.ts';
import { PARTICIPANT_ROLES } from '../db/vocabulary.ts';
import { batches, firstSeen, isoInstant, itemTypename, type Batch } from './slice.ts';

// CSV (RFC 4180: comma-separated, double-quoted where needed, CRLF line ends, UTF-8), one file per
// record type. Every id is the record's global ID, as the API takes it; lists are "; "-separated.

type Cell = string | number | null | undefined;

interface CsvType {
  description: string;
  /** Each column's name and meaning (the README documents them from here). */
  columns: readonly (readonly [string, string])[];
  rows: (batch: Batch, first: (key: string) => boolean) => Cell[][];
}

const actorId = (id: number | null) => (id === null ? null : globalId('Actor', id));

/** The rows of a data set's coding of the batch's items, places as global IDs. */
function codingRows(batch: Batch, name: CodingName): Cell[][] {
  return batch.items.flatMap((i) => {
    const coding = batch[name].get(i.id) as Record<string, unknown> | undefined;
    if (!coding) return [];
    return [[globalId(itemTypename(i), i.id), ...CODINGS[name].columns.map(([field, column]) => (column.endsWith('_geo_id') && coding[field] != null ? globalId('Place', coding[field] as number) : (coding[field] as Cell)))]];
  });
}

export const CSV_TYPES = {
  items: {
    description: 'the timeline items (events and claims), in timeline order',
    columns: [
      ['id', 'global ID'], ['type', 'EVENT, ACCUSATION, REBUTTAL or STATEMENT'], ['date_edtf', 'the date as EDTF, as vague as the source'],
      ['date_label', 'the date in words'], ['date_earliest', 'earliest instant, ISO 8601; empty when open'], ['date_latest', 'latest instant, ISO 8601; empty when open'],
      ['summary', 'what happened or was said'], ['title', 'event title'], ['event_kind', 'PLOVER event kind'], ['status', 'event status'],
      ['claimant_id', 'the body a claim speaks for'], ['spokesperson_id', 'who said it'], ['stance', 'rebuttal stance'], ['statement_kind', 'statement kind'],
      ['identifiers', 'the data sets’ keys of the record, SCHEME:value (GDELT:881992568); exported resolved, of every record of its group'],
      ['same_as', 'the other event records standing same-as decisions make it one with'],
    ],
    rows: (batch) =>
      batch.items.map((i) => [
        globalId(itemTypename(i), i.id), i.type, i.dateEdtf, dateFacets(i.dateEdtf).label, isoInstant(i.dateEarliest), isoInstant(i.dateLatest),
        i.summary, i.title, i.eventKind, i.status, actorId(i.claimantId), actorId(i.spokespersonId), i.stance, i.statementKind,
        (batch.identifiers.get(i.id) ?? []).map((r) => `${r.scheme}:${r.value}`).join('; '),
        (batch.sameAs.get(i.id) ?? []).map((other) => globalId('Event', other)).join('; '),
      ]),
  },
  item_places: {
    description: 'where each item happened or was said',
    columns: [['item_id', 'the item'], ['place_id', 'the place']],
    rows: (batch) => batch.items.flatMap((i) => (batch.places.get(i.id) ?? []).map((p) => [globalId(itemTypename(i), i.id), globalId('Place', p)])),
  },
  gdelt: {
    description: 'the GDELT coding of the items imported from GDELT, in the codebook’s columns',
    columns: [['item_id', 'the item'], ...CODINGS.gdelt.columns.map(([, column]) => [column, `GDELT ${column}${column.endsWith('_geo_id') ? ' (a place)' : ''}`] as const)],
    rows: (batch) => codingRows(batch, 'gdelt'),
  },
  acled: {
    description: 'the ACLED coding of the items imported from ACLED, in the codebook’s columns',
    columns: [['item_id', 'the item'], ...CODINGS.acled.columns.map(([, column]) => [column, `ACLED ${column}`] as const)],
    rows: (batch) => codingRows(batch, 'acled'),
  },
  actors: {
    description: 'the actors the items involve (claimants, spokespeople, accused, participants, speakers of quotes, fact-checkers)',
    columns: [
      ['id', 'global ID'], ['name', 'name'], ['kind', 'actor kind'], ['country', 'ISO 3166-1 alpha-2'], ['aliases', 'other names'], ['wikidata', 'Wikidata QIDs'],
      ['codes', 'codes event data sets give it, SCHEME:value (CAMEO:USAGOV; CAMEO_TYPE:GOV)'],
    ],
    rows: (batch, first) =>
      [...batch.actorRows.values()]
        .filter((a) => first(`a${a.id}`))
        .map((a) => [globalId('Actor', a.id), a.name, a.kind, a.country, a.aliases.join('; '), a.wikidata.join('; '), a.codes.join('; ')]),
  },
  places: {
    description: 'the places of the items, and where GDELT places their actors',
    columns: [['id', 'global ID'], ['name', 'name'], ['kind', 'place kind'], ['country', 'ISO 3166-1 alpha-2'], ['latitude', 'WGS 84'], ['longitude', 'WGS 84'], ['parent_id', 'the place it lies in']],
    rows: (batch, first) =>
      [...batch.placeRows.values()].filter((p) => first(`p${p.id}`)).map((p) => [globalId('Place', p.id), p.name, p.kind, p.country, p.latitude, p.longitude, p.parentId === null ? null : globalId('Place', p.parentId)]),
  },
  sources: {
    description: 'the sources the items cite',
    columns: [['id', 'global ID'], ['title', 'title'], ['publisher', 'publisher, when the source names one'], ['url', 'URL'], ['published_edtf', 'publication date as EDTF'], ['language', 'BCP 47']],
    rows: (batch, first) =>
      [...batch.sourceRows.values()].filter((s) => first(`s${s.id}`)).map((s) => [globalId('Source', s.id), s.title, s.publisher, s.url, s.publishedEdtf, s.language]),
  },
  quotes: {
    description: 'the quoted spans the items cite (W3C text position and quote selectors)',
    columns: [
      ['id', 'global ID'], ['source_id', 'the source quoted'], ['speaker_id', 'whose words; empty for narration'], ['kind', 'DIRECT, PARAPHRASE or NARRATION'],
      ['start', 'first UTF-16 code unit in the source text'], ['end', 'end, exclusive'], ['exact', 'the quoted text'], ['prefix', 'text just before'], ['suffix', 'text just after'],
    ],
    rows: (batch, first) =>
      [...batch.quoteRows.values()].filter((q) => first(`q${q.id}`)).map((q) => [globalId('Quote', q.id), globalId('Source', q.sourceId), actorId(q.speakerId), q.kind, q.start, q.end, q.exact, q.prefix, q.suffix]),
  },
  links: {
    description: 'the links from the items to other items',
    columns: [['id', 'global ID'], ['from_id', 'the item the link starts from'], ['kind', 'link kind'], ['to_id', 'the item it points to']],
    rows: (batch) =>
      batch.items.flatMap((i) => (batch.links.get(i.id) ?? []).map((l) => [globalId('Link', l.id), globalId(itemTypename(i), i.id), l.kind, globalId(batch.typenames.get(l.toItemId)!, l.toItemId)])),
  },
  citations: {
    description: 'which sources, and which quotes of them, support each item (exported resolved, an event’s are those of every record of its group)',
    columns: [['item_id', 'the item'], ['source_id', 'the source'], ['quote_id', 'the quoted span; empty when the whole source is cited']],
    rows: (batch) =>
      batch.items.flatMap((i) => (batch.citations.get(i.id) ?? []).map((c) => [globalId(itemTypename(i), i.id), globalId('Source', c.sourceId), c.quoteId === null ? null : globalId('Quote', c.quoteId)])),
  },
  participants: {
    description: 'who took part in each event, and how',
    columns: [['event_id', 'the event'], ['actor_id', 'the actor'], ['role', PARTICIPANT_ROLES.join(', ')]],
    rows: (batch) => batch.items.flatMap((i) => (batch.participants.get(i.id) ?? []).map((p) => [globalId('Event', i.id), globalId('Actor', p.actorId), p.role])),
  },
  accused: {
    description: 'whom each accusation accuses',
    columns: [['accusation_id', 'the accusation'], ['actor_id', 'the accused actor']],
    rows: (batch) => batch.items.flatMap((i) => (batch.accused.get(i.id) ?? []).map((a) => [globalId('Accusation', i.id), globalId('Actor', a)])),
  },
} as const satisfies Record<string, CsvType>;

export type CsvTypeName = keyof typeof CSV_TYPES;

const cell = (value: Cell) => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const line = (cells: readonly Cell[]) => `${cells.map(cell).join(',')}\r\n`;

export const csv: Exporter = {
  contentType: 'text/csv; charset=utf-8; header=present',
  extension: 'csv',
  description: `CSV, one file per record type (type: ${Object.keys(CSV_TYPES).join(', ')}; default items)`,
  *render(db, filter, { type = 'items' }) {
    const table = CSV_TYPES[type as CsvTypeName] as CsvType | undefined;
    if (!table) throw new InputError(['type'], `unknown record type "${type}": use ${Object.keys(CSV_TYPES).join(', ')}`);
    yield line(table.columns.map(([name]) => name));
    const first = firstSeen<string>();
    for (const batch of batches(db, filter)) yield table.rows(batch, first).map(line).join('');
  },
};
