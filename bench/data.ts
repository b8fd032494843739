import type { Db } from '../src/db/client.ts';
import { openWrite } from '../src/domain/write.ts';

const DAY = 86_400_000;
const START = Date.UTC(2010, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Fills a database with `events` events and as many accusations about them, straight through
 * SQL (the bundle loader is built for articles, not for bulk): 200 actors, 50 places in 5
 * countries, one quoted span per item, one IS_ABOUT link per accusation.
 */
export function fillTimeline(db: Db, events: number): void {
  const sqlite = db.$client;
  const sentences = Array.from({ length: events }, (_, i) => `Report ${i}: strike ${i} took place.`);
  const text = sentences.join(' ');
  const insert = (table: string, columns: string[]) =>
    sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const session = openWrite(db, { operation: 'bench fill', keyName: null });
  {
    const source = insert('sources', ['title', 'published_edtf', 'published_earliest', 'published_latest', 'language', 'text']).run('Benchmark reports', '2020-01-01', Date.UTC(2020, 0, 1), Date.UTC(2020, 0, 2) - 1, 'en', text).lastInsertRowid;
    const actor = insert('actors', ['name', 'kind']);
    for (let a = 0; a < 200; a += 1) actor.run(`Actor ${a}`, a % 2 ? 'ARMED_GROUP' : 'STATE');
    const place = insert('places', ['name', 'kind', 'parent_id']);
    for (let p = 0; p < 50; p += 1) place.run(`Place ${p}`, p < 5 ? 'COUNTRY' : 'CITY', p < 5 ? null : (p % 5) + 1);
    const item = insert('items', ['type', 'summary', 'date_edtf', 'date_earliest', 'date_latest']);
    const event = insert('events', ['item_id', 'title', 'kind', 'status']);
    const participant = insert('event_participants', ['event_id', 'actor_id', 'role']);
    const eventPlace = insert('event_places', ['event_id', 'place_id']);
    const claim = insert('claims', ['item_id', 'claimant_id', 'spokesperson_id']);
    const accused = insert('claim_accused', ['claim_id', 'actor_id']);
    const quote = insert('quotes', ['source_id', 'speaker_id', 'kind', 'start', 'end', 'exact', 'prefix', 'suffix']);
    const citation = insert('citations', ['item_id', 'source_id', 'quote_id']);
    const link = insert('links', ['from_item_id', 'kind', 'to_item_id']);
    let offset = 0;
    for (let i = 0; i < events; i += 1) {
      const day = START + (i % 3650) * DAY;
      const exact = sentences[i]!;
      const quoteId = quote.run(source, null, 'NARRATION', offset, offset + exact.length, exact, text.slice(Math.max(0, offset - 32), offset), text.slice(offset + exact.length, offset + exact.length + 32)).lastInsertRowid;
      offset += exact.length + 1;
      const eventId = item.run('EVENT', `Strike ${i}.`, iso(day), day, day + DAY - 1).lastInsertRowid;
      event.run(eventId, `Strike ${i}`, 'ASSAULT', i % 3 ? 'REPORTED' : 'ALLEGED');
      participant.run(eventId, (i % 200) + 1, 'AGENT');
      participant.run(eventId, ((i * 7) % 200) + 1, 'TARGET');
      eventPlace.run(eventId, (i % 45) + 6);
      citation.run(eventId, source, quoteId);
      const claimId = item.run('ACCUSATION', `Accusation about strike ${i}.`, iso(day + DAY), day + DAY, day + 2 * DAY - 1).lastInsertRowid;
      claim.run(claimId, ((i * 7) % 200) + 1, null);
      accused.run(claimId, (i % 200) + 1);
      citation.run(claimId, source, quoteId);
      link.run(claimId, 'IS_ABOUT', eventId);
    }
  }
  session.commit();
}
