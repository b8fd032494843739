import { anchorQuote } from '../../domain/quote-anchor.ts';
import { EVENT_KINDS, type EventKind } from '../../db/vocabulary.ts';
import { countryOfAlpha3, kindOfCodes, sectorCodes } from '../actor-kinds.ts';
import { Fields } from '../fields.ts';
import { parsed, type ImportFormat } from '../format.ts';
import { jsonRecords } from '../rows.ts';
import { JsonFields } from './json-fields.ts';

// PLOVER event records, as JSON arrays or JSON Lines: the current field names (event_type,
// actor/recipient, as in POLECAT) and those of the 0.5 gold-standard records (event,
// source/target), whose older categories the current manual renamed or merged.
//
// One policy for what a record may lack and what it may not hold (README, "Importing"): it needs
// an id, an event type and a date, the record's own identity and place on the timeline. Any
// other field may be missing or empty, whatever the version of the manual requires: what is
// missing stays unknown (a record with no source actor is an event whose agent is not named). A
// field present with a value that cannot be read as what the field holds is refused with the
// record: an unknown event type, a malformed date or country code, text where a list of actors
// belongs ("target": "diplomatic"). Texts and names are kept exactly as written, spaces and all.
const RENAMED: Record<string, { kind: EventKind; mode: string | null }> = {
  DEMAND: { kind: 'REQUEST', mode: null },
  DISAPPROVE: { kind: 'ACCUSE', mode: 'disapprove' },
  INVESTIGATE: { kind: 'ACCUSE', mode: 'investigate' },
  FIGHT: { kind: 'ASSAULT', mode: null },
};
/** Records that document the file rather than code an event. */
const NOT_EVENTS = new Set(['DOCUMENT']);

export const plover: ImportFormat = {
  keyColumn: 'id',
  namespace: 'plover',
  description: 'PLOVER event records (JSON array or JSON Lines; POLECAT and gold-standard field names)',
  rows: async function* (lines) {
    for await (const record of jsonRecords(lines)) yield record;
  },
  parse(row) {
    const f = JsonFields.of(row.value, row.line);
    const id = f.required('id').trim();
    const type = (f.text('event_type') ?? f.required('event')).trim().toUpperCase();
    if (NOT_EVENTS.has(type)) return null;
    const renamed = RENAMED[type];
    if (!renamed && !(EVENT_KINDS as readonly string[]).includes(type)) throw f.error('event', `"${type}" is not a PLOVER event type`);
    const kind = renamed?.kind ?? (type as EventKind);
    const mode = f.text('mode') ?? renamed?.mode ?? null;
    const contextValue = f.get('context');
    const contexts = (Array.isArray(contextValue) ? contextValue.map(String) : typeof contextValue === 'string' ? contextValue.split(/[;,]/) : []).map((c) => c.trim()).filter(Boolean);
    const dateText = (f.text('story_date') ?? f.required('date')).trim();
    const date = new Fields([dateText], ['date'], row.line).date('date', dateText.slice(0, 10));
    const text = f.text('text');
    const eventText = f.text('event_text') ?? f.text('eventText');
    const publication = f.text('publication') ?? f.text('publisher');
    const language = f.text('language');
    const location = f.objects('eventLoc')[0] ?? f.objects('location')[0];
    const place = location ? new JsonFields(location, row.line) : null;
    const placeName = place?.text('name') ?? null;
    const placeCountry = place?.text('country code') ?? place?.text('country_code') ?? null;
    if (placeCountry !== null && !/^[A-Z]{2}$/.test(placeCountry)) throw f.error('eventLoc.country code', `"${placeCountry}" is not an ISO 3166-1 alpha-2 code`);
    const quantities: { measure: string; value: number }[] = (['dead', 'injured'] as const).flatMap((measure) => {
      const value = f.number(measure);
      return value === null ? [] : [{ measure, value }];
    });
    // Crowd sizes are often words ("Tens of thousands"): a number becomes a quantity, words are
    // kept as written in the summary, and neither is turned into the other.
    const sizeText = f.text('size');
    const size = sizeText !== null && Number.isFinite(Number(sizeText)) ? Number(sizeText) : null;
    if (size !== null) quantities.push({ measure: 'size', value: size });
    const sides: { a: Record<string, unknown>; role: 'AGENT' | 'TARGET' }[] = [
      ...['actor', 'source'].flatMap((k) => f.objects(k)).map((a) => ({ a, role: 'AGENT' as const })),
      ...['recipient', 'target'].flatMap((k) => f.objects(k)).map((a) => ({ a, role: 'TARGET' as const })),
    ];
    const actors = sides.map(({ a, role }, i) => {
      const side = new JsonFields(a, row.line);
      const name = side.text('actorText') ?? side.text('name') ?? side.text('code');
      if (name === null) throw f.error(`${role === 'AGENT' ? 'source' : 'target'}[${i}]`, 'names no actor (no actorText, name or code)');
      const code = side.text('code');
      const sector = side.text('sector') ?? side.text('actor_sector');
      // The sector's codes (and an organisation code such as IGO) say what kind of actor it is;
      // a code that is a country's (HUN) gives its country.
      const kind = kindOfCodes([...sectorCodes(sector ?? ''), ...(code ? [code] : [])]);
      const country = code !== null && /^[A-Z]{3}$/.test(code) ? countryOfAlpha3(code) : null;
      const codes = [...(code ? [{ scheme: 'PLOVER' as const, value: code }] : []), ...(sector ? [{ scheme: 'PLOVER_SECTOR' as const, value: sector }] : [])];
      return { key: `${code ?? ''}|${sector ?? ''}|${name}`, values: { name, kind, country, codes }, role };
    });
    // The record's date is the event's; when its source was published the record does not say.
    const published = new Fields([], [], row.line).date('date', '/', 'the record does not give its source’s publication date');
    return parsed(id, (writer) => {
      const source = writer.source(`record:${id}`, { title: null, publisher: publication, published, language, text });
      // The record's whole text is the span cited: the source's own words (narration).
      const quote = text ? { selectors: anchorQuote(text, { start: 0, end: text.length }, ['text']), kind: 'NARRATION' as const, speaker: null } : undefined;
      const participants = actors.map((a) => ({ actor: writer.actor(a.key, a.values), role: a.role }));
      const names = (role: string) => actors.filter((a) => a.role === role).map((a) => a.values.name.trim()).join(', ') || '?';
      writer.item(`event:${id}`, {
        type: 'EVENT',
        summary: `${names('AGENT')} → ${names('TARGET')}: ${eventText ?? kind.toLowerCase()}${sizeText !== null && size === null ? ` (size: ${sizeText})` : ''} (PLOVER ${kind}${mode ? `, ${mode}` : ''}; record ${id}).`,
        date,
        event: { title: `${kind}${eventText ? `: ${eventText}` : ''}`, kind, mode, contexts, status: 'REPORTED' },
        participants,
        // The record names the place without locating it: a place by name (and country) only.
        places: placeName ? [writer.place(`${placeCountry ?? ''}|${placeName}`, { name: placeName, kind: 'OTHER', country: placeCountry })] : [],
        quantities,
        identifiers: [{ scheme: 'PLOVER', value: id }],
        citations: [{ source, quote }],
      });
    });
  },
};
