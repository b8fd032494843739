import type { ActorCodeScheme, EventKind, PlaceKind } from '../../db/vocabulary.ts';
import { countryOfAlpha3, kindOfCodes } from '../actor-kinds.ts';
import { EVENT_KINDS } from '../../db/vocabulary.ts';
import cameoPlover from '../cameo-plover.json' with { type: 'json' };
import { Fields } from '../fields.ts';
import { parsed, type ImportFormat, type Row } from '../format.ts';
import { csvRecords, NOT_UTF8, RowError, type Line } from '../rows.ts';
import type { BulkWriter, StagedItem } from '../../domain/bulk.ts';
import { gdeltPlaceKey } from '../../domain/gdelt-places.ts';

// GDELT 2.0 Event and Mentions files, as the GDELT Event Codebook V2.0 defines them.
export const EVENT_COLUMNS = [
  'GLOBALEVENTID', 'SQLDATE', 'MonthYear', 'Year', 'FractionDate',
  'Actor1Code', 'Actor1Name', 'Actor1CountryCode', 'Actor1KnownGroupCode', 'Actor1EthnicCode', 'Actor1Religion1Code', 'Actor1Religion2Code', 'Actor1Type1Code', 'Actor1Type2Code', 'Actor1Type3Code',
  'Actor2Code', 'Actor2Name', 'Actor2CountryCode', 'Actor2KnownGroupCode', 'Actor2EthnicCode', 'Actor2Religion1Code', 'Actor2Religion2Code', 'Actor2Type1Code', 'Actor2Type2Code', 'Actor2Type3Code',
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale', 'NumMentions', 'NumSources', 'NumArticles', 'AvgTone',
  'Actor1Geo_Type', 'Actor1Geo_FullName', 'Actor1Geo_CountryCode', 'Actor1Geo_ADM1Code', 'Actor1Geo_ADM2Code', 'Actor1Geo_Lat', 'Actor1Geo_Long', 'Actor1Geo_FeatureID',
  'Actor2Geo_Type', 'Actor2Geo_FullName', 'Actor2Geo_CountryCode', 'Actor2Geo_ADM1Code', 'Actor2Geo_ADM2Code', 'Actor2Geo_Lat', 'Actor2Geo_Long', 'Actor2Geo_FeatureID',
  'ActionGeo_Type', 'ActionGeo_FullName', 'ActionGeo_CountryCode', 'ActionGeo_ADM1Code', 'ActionGeo_ADM2Code', 'ActionGeo_Lat', 'ActionGeo_Long', 'ActionGeo_FeatureID',
  'DATEADDED', 'SOURCEURL',
] as const;

export const MENTION_COLUMNS = [
  'GLOBALEVENTID', 'EventTimeDate', 'MentionTimeDate', 'MentionType', 'MentionSourceName', 'MentionIdentifier', 'SentenceID',
  'Actor1CharOffset', 'Actor2CharOffset', 'ActionCharOffset', 'InRawText', 'Confidence', 'MentionDocLen', 'MentionDocTone',
  'MentionDocTranslationInfo', 'Extras',
] as const;

const CAMEO = cameoPlover.codes as Record<string, { event: string; mode: string | null; context: string | null; description: string | null }>;

/** CAMEO's twenty root categories (for the codes PLOVER leaves out, such as 01 statements). */
const CAMEO_ROOTS: Record<string, string> = {
  '01': 'Make public statement', '02': 'Appeal', '03': 'Express intent to cooperate', '04': 'Consult', '05': 'Engage in diplomatic cooperation',
  '06': 'Engage in material cooperation', '07': 'Provide aid', '08': 'Yield', '09': 'Investigate', '10': 'Demand', '11': 'Disapprove',
  '12': 'Reject', '13': 'Threaten', '14': 'Protest', '15': 'Exhibit force posture', '16': 'Reduce relations', '17': 'Coerce', '18': 'Assault',
  '19': 'Fight', '20': 'Use unconventional mass violence',
};
const DENY_RESPONSIBILITY = '016';

/** The PLOVER type, mode, contexts and description of a CAMEO code, from the most specific entry known. */
export function cameoToPlover(code: string) {
  for (let length = code.length; length >= 2; length -= 1) {
    const entry = CAMEO[code.slice(0, length)];
    if (entry) {
      const kind = (EVENT_KINDS as readonly string[]).includes(entry.event) ? (entry.event as EventKind) : 'OTHER';
      const contexts = entry.context?.split(';').map((c) => c.trim()).filter(Boolean) ?? [];
      return { kind, mode: entry.mode, contexts, description: entry.description ?? CAMEO_ROOTS[code.slice(0, 2)] ?? `CAMEO ${code}` };
    }
  }
  return { kind: 'OTHER' as EventKind, mode: null, contexts: [], description: code === DENY_RESPONSIBILITY ? 'Deny responsibility' : (CAMEO_ROOTS[code.slice(0, 2)] ?? `CAMEO ${code}`) };
}

/**
 * The codebook's geographic resolutions (ActionGeo_Type and the actors' Geo_Type): "1=COUNTRY
 * (match was at the country level), 2=USSTATE (match was to a US state), 3=USCITY (match was to a
 * US city or landmark), 4=WORLDCITY (match was to a city or landmark outside the US),
 * 5=WORLDSTATE (match was to an Administrative Division 1 outside the US)".
 */
const GEO_KINDS: Record<string, PlaceKind> = { '1': 'COUNTRY', '2': 'PROVINCE', '3': 'CITY', '4': 'CITY', '5': 'PROVINCE' };

/** Splits tab-separated GDELT rows (no header, no quoting) and checks the column count. */
async function* tabRows(lines: AsyncIterable<Line>, width: number, header: string): AsyncGenerator<Row> {
  for await (const { text, number, bytes, unterminated } of lines) {
    if (text === null) {
      yield { line: number, bytes, value: new RowError(number, null, NOT_UTF8) };
      continue;
    }
    // GDELT writes a line ending after every row: a last line without one was cut off.
    if (unterminated && text.trim() !== '') {
      yield { line: number, bytes, value: new RowError(number, null, 'has no line ending: the file ends in the middle of a row (truncated)') };
      continue;
    }
    if (text.trim() === '' || (number === 1 && text.toUpperCase().startsWith(header))) continue;
    const fields = text.split('\t');
    yield { line: number, bytes, value: fields.length === width ? fields : widthError(number, width, fields.length) };
  }
}

const widthError = (line: number, width: number, found: number) =>
  new RowError(line, null, `expected ${width} columns, found ${found} (a truncated row, or another format)`);

function checkedFields(row: Row, columns: readonly string[]): Fields {
  if (row.value instanceof RowError) throw row.value;
  return new Fields(row.value as string[], columns, row.line);
}

/**
 * Actor 1 or 2 of a row. GDELT tells actors apart by code and name ("UNITED STATES" as USA, as
 * USAGOV…), and so does claimline; the code's parts, which GDELT gives in their own columns, are
 * kept as codes. Only the type codes can say what kind of actor it is (src/ingest/actor-kinds.ts):
 * a bare country code ("AUS" for VICTORIA) says where it is from, not that it is the state. Its
 * country is the codebook's "country affiliation" (Actor1CountryCode), in ISO 3166-1 alpha-2.
 */
function actorOf(f: Fields, n: 1 | 2, writer: BulkWriter): string | null {
  const code = f.text(`Actor${n}Code`);
  const name = f.text(`Actor${n}Name`);
  if (code === null && name === null) return null;
  const parts = (scheme: ActorCodeScheme, ...columns: string[]) =>
    columns.flatMap((c) => {
      const value = f.text(`Actor${n}${c}`);
      return value === null ? [] : [{ scheme, value }];
    });
  const types = parts('CAMEO_TYPE', 'Type1Code', 'Type2Code', 'Type3Code');
  const country = f.text(`Actor${n}CountryCode`);
  return writer.actor(`${code ?? ''}|${name ?? ''}`, {
    name: name ?? code!,
    kind: kindOfCodes(types.map((t) => t.value)),
    country: countryOfAlpha3(country),
    codes: [
      ...(code ? [{ scheme: 'CAMEO' as const, value: code }] : []),
      ...parts('CAMEO_COUNTRY', 'CountryCode'),
      ...types,
      ...parts('CAMEO_KNOWN_GROUP', 'KnownGroupCode'),
      ...parts('CAMEO_ETHNIC', 'EthnicCode'),
      ...parts('CAMEO_RELIGION', 'Religion1Code', 'Religion2Code'),
    ],
  });
}

/**
 * A place of a row (ActionGeo, Actor1Geo or Actor2Geo), keyed as the codebook makes places
 * unique: by resolution, country and feature ID. For a country the feature ID is its FIPS code
 * and for a US state its state code, and those collide (IN is India and Indiana), so the feature
 * ID alone does not name a place. Another spelling of the same place (Bombay, Mumbai) becomes an
 * alias. The country columns are FIPS 10-4 codes, not ISO: they key the place but are not its
 * country.
 */
function placeOf(f: Fields, prefix: 'ActionGeo' | 'Actor1Geo' | 'Actor2Geo', writer: BulkWriter): string | null {
  const type = f.text(`${prefix}_Type`);
  const name = f.text(`${prefix}_FullName`);
  if (type === null || type === '0' || name === null) return null;
  if (!GEO_KINDS[type]) throw f.error(`${prefix}_Type`, `"${type}" is not a GDELT geographic type (1 to 5)`);
  const coordinates = f.coordinates(`${prefix}_Lat`, `${prefix}_Long`);
  const country = f.text(`${prefix}_CountryCode`) ?? '';
  const feature = f.text(`${prefix}_FeatureID`);
  const key = gdeltPlaceKey(type, country, feature ?? `${name}|${coordinates?.latitude}|${coordinates?.longitude}`);
  return writer.place(key, { name, kind: GEO_KINDS[type]!, latitude: coordinates?.latitude ?? null, longitude: coordinates?.longitude ?? null });
}

export const gdeltEvents: ImportFormat = {
  keyColumn: 'GLOBALEVENTID',
  namespace: 'gdelt',
  description: 'GDELT 2.0 Event export: 61 tab-separated columns, no header (*.export.CSV)',
  rows: (lines) => tabRows(lines, EVENT_COLUMNS.length, 'GLOBALEVENTID'),
  parse(row) {
    const f = checkedFields(row, EVENT_COLUMNS);
    const id = f.required('GLOBALEVENTID');
    if (!/^\d+$/.test(id)) throw f.error('GLOBALEVENTID', `"${id}" is not a GDELT event id`);
    const day = f.compactDay('SQLDATE');
    if (day === null) throw f.error('SQLDATE', 'is empty');
    const date = f.date('SQLDATE', day);
    const added = f.compactDay('DATEADDED');
    if (added === null) throw f.error('DATEADDED', 'is empty');
    const url = f.required('SOURCEURL');
    const code = f.required('EventCode');
    if (!/^\d{2,4}$/.test(code)) throw f.error('EventCode', `"${code}" is not a CAMEO event code`);
    const root = f.integer('IsRootEvent', 0, 1);
    const gdelt = {
      eventCode: code,
      isRootEvent: root,
      quadClass: f.integer('QuadClass', 1, 4),
      goldsteinScale: f.number('GoldsteinScale', -10, 10),
      numMentions: f.integer('NumMentions', 0),
      numSources: f.integer('NumSources', 0),
      numArticles: f.integer('NumArticles', 0),
      avgTone: f.number('AvgTone', -100, 100),
      dateAdded: f.text('DATEADDED'),
    };
    const geoName = f.text('ActionGeo_FullName');
    const published = f.date('DATEADDED', `/${added}`, `GDELT first saw the document on ${added} (DATEADDED); the data does not give its publication date`);
    const plover = cameoToPlover(code);
    const accusation = code.startsWith('112');
    const denial = code === DENY_RESPONSIBILITY;

    return parsed(id, (writer) => {
      const agent = actorOf(f, 1, writer);
      const target = actorOf(f, 2, writer);
      const names = [f.text('Actor1Name') ?? f.text('Actor1Code'), f.text('Actor2Name') ?? f.text('Actor2Code')];
      const source = writer.source(url, { url, published });
      const action = placeOf(f, 'ActionGeo', writer);
      const where = geoName ? `, in ${geoName}` : '';
      const summary = `${names[0] ?? 'An unnamed actor'}: ${plover.description.toLowerCase()}${names[1] ? ` (${names[1]})` : ''}${where}. GDELT event ${id}, CAMEO ${code}.`;
      // Every item keeps the row's coding, its key and its place, whatever its type.
      const base = {
        summary,
        date,
        citations: [{ source }],
        places: action === null ? [] : [action],
        identifiers: [{ scheme: 'GDELT' as const, value: id }],
        gdelt: { ...gdelt, actor1Geo: placeOf(f, 'Actor1Geo', writer), actor2Geo: placeOf(f, 'Actor2Geo', writer) },
      };
      // Speech acts become claims when the data names who made them: accusations (CAMEO 112x)
      // when it also names the accused, denials of responsibility (016) as statements, since the
      // data never says which claim they answer.
      let item: StagedItem;
      if (accusation && agent !== null && target !== null) {
        item = { ...base, type: 'ACCUSATION', claim: { claimant: agent }, accused: [target] };
      } else if (denial && agent !== null) {
        item = { ...base, type: 'STATEMENT', claim: { claimant: agent, statementKind: 'ASSERTION' } };
      } else {
        item = {
          ...base,
          type: 'EVENT',
          event: {
            title: `${plover.description}${names[0] || names[1] ? `: ${names[0] ?? '?'} → ${names[1] ?? '?'}` : ''}`,
            kind: plover.kind,
            mode: plover.mode,
            contexts: plover.contexts,
            status: 'REPORTED',
          },
          // The codebook's actor 1 acts on actor 2 ("who did what to whom").
          participants: [
            ...(agent !== null ? [{ actor: agent, role: 'AGENT' as const }] : []),
            ...(target !== null ? [{ actor: target, role: 'TARGET' as const }] : []),
          ],
        };
      }
      writer.item(`event:${id}`, item);
    });
  },
};

/** Raw GDELT mentions are tab-separated without a header; the published sample is pandas CSV with one. */
async function* mentionRows(lines: AsyncIterable<Line>): AsyncGenerator<Row> {
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const rest = { [Symbol.asyncIterator]: () => iterator };
  const firstText = first.value.text ?? '';
  const headed = firstText.toLowerCase().startsWith('globaleventid');
  const comma = headed && !firstText.includes('\t');
  async function* all() {
    if (!headed) yield first.value;
    yield* rest;
  }
  if (comma) {
    for await (const { fields, line, bytes } of csvRecords(all(), ',')) {
      if (fields instanceof RowError) yield { line, bytes, value: fields };
      else if (fields.join('').trim() !== '') yield { line, bytes, value: fields.length === MENTION_COLUMNS.length ? fields : widthError(line, MENTION_COLUMNS.length, fields.length) };
    }
  } else {
    yield* tabRows(all(), MENTION_COLUMNS.length, 'GLOBALEVENTID');
  }
}

export const gdeltMentions: ImportFormat = {
  keyColumn: 'GLOBALEVENTID',
  namespace: 'gdelt',
  description: 'GDELT 2.0 Mentions: 16 tab-separated columns (*.mentions.CSV), or CSV with a header',
  rows: mentionRows,
  parse(row) {
    const f = checkedFields(row, MENTION_COLUMNS);
    const id = f.required('GLOBALEVENTID');
    if (!/^\d+$/.test(id)) throw f.error('GLOBALEVENTID', `"${id}" is not a GDELT event id`);
    const type = f.integer('MentionType', 1, 6);
    const identifier = f.required('MentionIdentifier');
    const seen = f.compactDay('MentionTimeDate');
    if (seen === null) throw f.error('MentionTimeDate', 'is empty');
    const published = f.date('MentionTimeDate', `/${seen}`, `GDELT saw the document on ${seen} (MentionTimeDate); the data does not give its publication date`);
    f.integer('Confidence', 0, 100);
    const publisher = f.text('MentionSourceName');
    // Only web mentions (type 1) identify their document by URL; others by a DOI or a citation.
    // A mention of an event not imported records nothing: it is counted as unmatched.
    const url = type === 1 ? identifier : null;
    return { key: null, write: (writer) => writer.cite(`event:${id}`, `mention:${identifier}`, { url, title: url ? null : identifier, publisher, published }) };
  },
};
