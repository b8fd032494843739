import type { EventKind } from '../../db/vocabulary.ts';
import { countryOfNumeric, interType, kindOfAcledActor } from '../actor-kinds.ts';
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
    f.date('event_date', day);
    const precision = f.integer('time_precision', 1, 3);
    // The codebook's time precision: "1 = Actual date; 2 = Specific week or weekend; 3 = … month":
    // a week or weekend is any day within three of the one ACLED writes, a month the whole month.
    const week = [shiftDay(day, -3), shiftDay(day, 3)] as const;
    const date =
      precision === 3
        ? f.date('event_date', day.slice(0, 7), 'ACLED time_precision 3: the source gives only the month')
        : precision === 2
          ? f.date('event_date', `${week[0]}/${week[1]}`, `ACLED time_precision 2: the source gives only the week or weekend of ${day}`)
          : f.date('event_date', day);
    const firstDay = precision === 3 ? `${day.slice(0, 7)}-01` : precision === 2 ? week[0] : day;
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
    const iso = f.integer('iso', 0, 999);
    const acled = {
      eventType,
      subEventType,
      disorderType: f.text('disorder_type'),
      inter1: f.text('inter1'),
      inter2: f.text('inter2'),
      interaction: f.text('interaction'),
      civilianTargeting: f.text('civilian_targeting'),
      iso,
      region: f.text('region'),
      geoPrecision: f.integer('geo_precision', 1, 3),
      timePrecision: precision,
      sourceScale: f.text('source_scale'),
      tags: f.text('tags'),
      timestamp: f.integer('timestamp', 0),
    };
    for (const n of [1, 2] as const) {
      const inter = acled[`inter${n}`];
      if (interType(inter) === undefined) throw f.error(`inter${n}`, `"${inter}" is not an ACLED actor type (0 to 8, or its name)`);
    }
    const geo = { country: f.required('country'), code: countryOfNumeric(iso), admin1: f.text('admin1'), admin2: f.text('admin2'), admin3: f.text('admin3'), location: f.text('location') };
    const notes = f.text('notes');
    // "SOHR; Reuters" names two sources.
    const publishers = split('source');

    return parsed(id, (writer) => {
      const actor = (name: string, inter: string | null) => writer.actor(name, { name, kind: kindOfAcledActor(name, interType(inter)) });
      // "Actor 1 and Actor 2 do not imply directionality (e.g. attacker or defender)"; associated
      // actors are "associated with or identifying with" a side, which says neither support nor action.
      const participants = [
        { actor: actor(actor1, acled.inter1), role: 'SIDE_1' as const },
        ...assoc1.map((a) => ({ actor: writer.actor(a, { name: a, kind: 'UNKNOWN' }), role: 'ASSOCIATE_1' as const })),
        ...(actor2 ? [{ actor: actor(actor2, acled.inter2), role: 'SIDE_2' as const }] : []),
        ...assoc2.map((a) => ({ actor: writer.actor(a, { name: a, kind: 'UNKNOWN' }), role: 'ASSOCIATE_2' as const })),
      ];
      const place = placeOf(writer, geo, coordinates);
      // ACLED names its sources but gives neither titles, links nor dates: one source record per
      // event and publisher, reported on or after the event.
      const published = f.date('event_date', `${firstDay}/..`, 'reported on or after the event; ACLED gives no publication date');
      const sources = (publishers.length ? publishers : [null]).map((publisher) => writer.source(`event:${id}:${publisher ?? ''}`, { title: null, publisher, published }));
      writer.item(`event:${id}`, {
        type: 'EVENT',
        summary: notes ?? `${eventType}${subEventType ? ` (${subEventType})` : ''}: ${actor1}${actor2 ? ` and ${actor2}` : ''}, ${geo.location ?? geo.country}.`,
        date,
        event: {
          title: `${subEventType ?? eventType}: ${actor1}${actor2 ? ` – ${actor2}` : ''}`,
          kind: mapped.kind,
          mode: mapped.mode,
          status: 'REPORTED',
        },
        participants,
        places: [place],
        quantities: fatalities === null ? [] : [{ measure: 'fatalities', value: fatalities }],
        identifiers: [{ scheme: 'ACLED', value: id }],
        acled,
        citations: sources.map((source) => ({ source })),
      });
    });
  },
};

/** A day some days before or after another (YYYY-MM-DD). */
const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The place hierarchy ACLED gives: country › admin1 › admin2 › admin3 › location (with the coordinates). */
function placeOf(
  writer: BulkWriter,
  geo: { country: string; code: string | null; admin1: string | null; admin2: string | null; admin3: string | null; location: string | null },
  coordinates: { latitude: number; longitude: number } | null,
): string {
  let key = `country:${geo.country}`;
  let parent = writer.place(key, { name: geo.country, kind: 'COUNTRY', country: geo.code });
  for (const [name, kind] of [[geo.admin1, 'PROVINCE'], [geo.admin2, 'DISTRICT'], [geo.admin3, 'DISTRICT']] as const) {
    if (!name) continue;
    key = `${key}|${name}`;
    parent = writer.place(key, { name, kind, country: geo.code }, parent);
  }
  if (!geo.location) return parent;
  return writer.place(`${key}|${geo.location}|${coordinates?.latitude}|${coordinates?.longitude}`, {
    name: geo.location,
    kind: 'CITY',
    country: geo.code,
    latitude: coordinates?.latitude ?? null,
    longitude: coordinates?.longitude ?? null,
  }, parent);
}
