import { anchorQuote } from '../../domain/quote-anchor.ts';
import { EVENT_KINDS, type ActorKind, type EventKind } from '../../db/vocabulary.ts';
import { Fields } from '../fields.ts';
import { parsed, type ImportFormat } from '../format.ts';
import { jsonRecords } from '../rows.ts';
import { JsonFields } from './json-fields.ts';

// PLOVER event records, as JSON arrays or JSON Lines: the current field names (event_type,
// actor/recipient, as in POLECAT) and those of the 0.5 gold-standard records (event,
// source/target), whose older categories the current manual renamed or merged.
const RENAMED: Record<string, { kind: EventKind; mode: string | null }> = {
  DEMAND: { kind: 'REQUEST', mode: null },
  DISAPPROVE: { kind: 'ACCUSE', mode: 'disapprove' },
  INVESTIGATE: { kind: 'ACCUSE', mode: 'investigate' },
  FIGHT: { kind: 'ASSAULT', mode: null },
};
const SECTOR_KINDS: Record<string, ActorKind> = {
  GOV: 'GOVERNMENT_BODY', MIL: 'MILITARY', COP: 'GOVERNMENT_BODY', JUD: 'GOVERNMENT_BODY', LEG: 'GOVERNMENT_BODY',
  REB: 'ARMED_GROUP', INS: 'ARMED_GROUP', MED: 'MEDIA', IGO: 'ORGANIZATION', NGO: 'ORGANIZATION', BUS: 'ORGANIZATION',
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
    const id = f.required('id');
    const type = (f.text('event_type') ?? f.required('event')).toUpperCase();
    if (NOT_EVENTS.has(type)) return null;
    const renamed = RENAMED[type];
    if (!renamed && !(EVENT_KINDS as readonly string[]).includes(type)) throw f.error('event', `"${type}" is not a PLOVER event type`);
    const kind = renamed?.kind ?? (type as EventKind);
    const mode = f.text('mode') ?? renamed?.mode ?? null;
    const contextValue = f.get('context');
    const contexts = (Array.isArray(contextValue) ? contextValue.map(String) : typeof contextValue === 'string' ? contextValue.split(/[;,]/) : []).map((c) => c.trim()).filter(Boolean);
    const dateText = f.text('story_date') ?? f.required('date');
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
      return { key: `${code ?? ''}|${sector ?? ''}|${name}`, name, code, kind: (sector && SECTOR_KINDS[sector.toUpperCase()]) || 'UNKNOWN', role };
    });
    return parsed(id, (writer) => {
      const source = writer.source(`record:${id}`, { title: null, publisher: publication, published: date, language, text });
      // The record's whole text is the span cited: the source's own words (narration).
      const quote = text ? { selectors: anchorQuote(text, { start: 0, end: text.length }, ['text']), kind: 'NARRATION' as const, speaker: null } : undefined;
      const participants = actors.map((a) => ({
        actor: writer.actor(a.key, { name: a.name, kind: a.kind, codes: a.code ? [{ scheme: 'PLOVER', value: a.code }] : [] }),
        role: a.role,
      }));
      const names = (role: string) => actors.filter((a) => a.role === role).map((a) => a.name).join(', ') || '?';
      writer.item(`event:${id}`, {
        type: 'EVENT',
        summary: `${names('AGENT')} → ${names('TARGET')}: ${eventText ?? kind.toLowerCase()}${sizeText !== null && size === null ? ` (size: ${sizeText})` : ''} (PLOVER ${kind}${mode ? `, ${mode}` : ''}; record ${id}).`,
        date,
        event: { title: `${kind}${eventText ? `: ${eventText}` : ''}`, kind, mode, contexts, status: 'REPORTED' },
        participants,
        // The record names the place without locating it: a place by name (and country) only.
        places: placeName ? [writer.place(`${placeCountry ?? ''}|${placeName}`, { name: placeName, kind: 'OTHER', country: placeCountry })] : [],
        quantities,
        citations: [{ source, quote }],
      });
    });
  },
};
