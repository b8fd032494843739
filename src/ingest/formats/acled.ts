import type { ActorKind, EventKind } from '../../db/vocabulary.ts';
import { Fields } from '../fields.ts';
import { parsed, type ImportFormat, type Row } from '../format.ts';
import { csvRecords, RowError } from '../rows.ts';
import type { BulkWriter } from '../../domain/bulk.ts';

// ACLED's CSV export as a user downloads it (column names of the ACLED codebook; extra columns
// are ignored, missing required ones refused). No ACLED rows ship with claimline.
const REQUIRED = ['event_id_cnty', 'event_date', 'event_type', 'sub_event_type', 'actor1', 'country'] as const;

const KINDS: Record<string, { kind: EventKind; mode: string | null }> = {
  battles: { kind: 'ASSAULT', mode: null },
  'explosions/remote violence': { kind: 'ASSAULT', mode: 'explosives' },
  'violence against civilians': { kind: 'ASSAULT', mode: null },
  protests: { kind: 'PROTEST', mode: 'demo' },
  riots: { kind: 'PROTEST', mode: 'riot' },
  'strategic developments': { kind: 'OTHER', mode: null },
};
/** ACLED's inter codes: 1 state forces, 2 rebels, 3 political militias, 4 identity militias. */
const INTER_KINDS: Record<string, ActorKind> = { '1': 'MILITARY', '2': 'ARMED_GROUP', '3': 'ARMED_GROUP', '4': 'ARMED_GROUP' };
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** ACLED dates come as 2023-01-15 or, in older exports, 15 January 2023. */
function isoDay(value: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const match = value.match(/^(\d{1,2}) ([A-Za-z]+) (\d{4})$/);
  const month = match ? MONTHS.indexOf(match[2]!.toLowerCase()) : -1;
  return match && month >= 0 ? `${match[3]}-${String(month + 1).padStart(2, '0')}-${match[1]!.padStart(2, '0')}` : null;
}

export const acled: ImportFormat = {
  keyColumn: 'event_id_cnty',
  namespace: 'acled',
  description: 'ACLED CSV export with its header row (codebook column names)',
  rows: async function* (lines) {
    let columns: string[] | null = null;
    for await (const { fields, line, bytes } of csvRecords(lines)) {
      if (fields instanceof RowError) {
        yield { line, bytes, value: fields };
        continue;
      }
      if (columns === null) {
        columns = fields.map((c) => c.trim().toLowerCase());
        const missing = REQUIRED.filter((c) => !columns!.includes(c));
        if (missing.length) throw new RowError(line, missing[0]!, `the header lacks ${missing.join(', ')}: is this an ACLED export?`);
        continue;
      }
      if (fields.join('').trim() === '') continue;
      yield {
        line,
        bytes,
        value: fields.length === columns.length ? { columns, fields } : new RowError(line, null, `expected ${columns.length} columns as in the header, found ${fields.length} (a truncated row?)`),
      } satisfies Row;
    }
  },
  parse(row) {
    if (row.value instanceof RowError) throw row.value;
    const { columns, fields } = row.value as { columns: string[]; fields: string[] };
    const f = new Fields(fields, columns, row.line);
    const id = f.required('event_id_cnty');
    const rawDate = f.required('event_date');
    const day = isoDay(rawDate);
    if (day === null) throw f.error('event_date', `"${rawDate}" is not a date`);
    const precision = f.integer('time_precision', 1, 3);
    const date =
      precision === 3
        ? f.date('event_date', day.slice(0, 7), 'ACLED time_precision 3: only the month is known')
        : precision === 2
          ? f.date('event_date', `${day}~`, 'ACLED time_precision 2: the day is an estimate within its week')
          : f.date('event_date', day);
    const eventType = f.required('event_type');
    const subEventType = f.text('sub_event_type');
    const mapped = KINDS[eventType.toLowerCase()];
    if (!mapped) throw f.error('event_type', `"${eventType}" is not an ACLED event type`);
    const coordinates = f.coordinates('latitude', 'longitude');
    const fatalities = f.integer('fatalities', 0);
    const actor1 = f.required('actor1');
    const actor2 = f.text('actor2');
    const split = (column: string) => (f.text(column) ?? '').split(';').map((a) => a.trim()).filter(Boolean);
    const assoc1 = split('assoc_actor_1');
    const assoc2 = split('assoc_actor_2');
    const inter = (n: 1 | 2) => INTER_KINDS[f.text(`inter${n}`) ?? ''] ?? 'UNKNOWN';
    const geo = { country: f.required('country'), admin1: f.text('admin1'), admin2: f.text('admin2'), admin3: f.text('admin3'), location: f.text('location') };
    const notes = f.text('notes');
    const sourceText = f.text('source');

    return parsed(id, (writer) => {
      const actor = (name: string, kind: ActorKind) => writer.actor(name, { name, kind });
      const participants = [
        { actor: actor(actor1, inter(1)), role: 'AGENT' as const },
        ...assoc1.map((a) => ({ actor: actor(a, 'UNKNOWN'), role: 'SUPPORTER' as const })),
        ...(actor2 ? [{ actor: actor(actor2, inter(2)), role: 'TARGET' as const }] : []),
        ...assoc2.map((a) => ({ actor: actor(a, 'UNKNOWN'), role: 'TARGET' as const })),
      ];
      const place = placeOf(writer, geo, coordinates);
      // ACLED names its sources but gives neither titles nor links: one source record per event,
      // published on or after the event.
      const source = writer.source(`event:${id}`, { title: null, publisher: sourceText, published: f.date('event_date', `${day}/..`, 'reported on or after the event; ACLED gives no publication date') });
      writer.item(`event:${id}`, {
        type: 'EVENT',
        summary: notes ?? `${eventType}${subEventType ? ` (${subEventType})` : ''}: ${actor1}${actor2 ? ` and ${actor2}` : ''}, ${geo.location ?? geo.country}.`,
        date,
        event: {
          title: `${subEventType ?? eventType}: ${actor1}${actor2 ? ` – ${actor2}` : ''}`,
          kind: mapped.kind,
          mode: mapped.mode,
          status: 'REPORTED',
          acledEventType: eventType,
          acledSubEventType: subEventType,
        },
        participants,
        places: [place],
        quantities: fatalities === null ? [] : [{ measure: 'fatalities', value: fatalities }],
        citations: [{ source }],
      });
    });
  },
};

/** The place hierarchy ACLED gives: country › admin1 › admin2 › admin3 › location (with the coordinates). */
function placeOf(
  writer: BulkWriter,
  geo: { country: string; admin1: string | null; admin2: string | null; admin3: string | null; location: string | null },
  coordinates: { latitude: number; longitude: number } | null,
): string {
  let key = `country:${geo.country}`;
  let parent = writer.place(key, { name: geo.country, kind: 'COUNTRY' });
  for (const [name, kind] of [[geo.admin1, 'PROVINCE'], [geo.admin2, 'DISTRICT'], [geo.admin3, 'DISTRICT']] as const) {
    if (!name) continue;
    key = `${key}|${name}`;
    parent = writer.place(key, { name, kind }, parent);
  }
  if (!geo.location) return parent;
  return writer.place(`${key}|${geo.location}|${coordinates?.latitude}|${coordinates?.longitude}`, {
    name: geo.location,
    kind: 'CITY',
    latitude: coordinates?.latitude ?? null,
    longitude: coordinates?.longitude ?? null,
  }, parent);
}
