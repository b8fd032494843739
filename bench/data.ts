import type { Db } from '../src/db/client.ts';
import { BulkWriter } from '../src/domain/bulk.ts';
import { parseFuzzyDate } from '../src/domain/fuzzy-date.ts';
import { CONTEXT_LENGTH } from '../src/domain/quote-anchor.ts';
import { openWrite } from '../src/domain/write.ts';

const DAY = 86_400_000;
const START = Date.UTC(2010, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Items quoted from one report. */
const PER_SOURCE = 1_000;

/**
 * Fills a database with `events` events and as many accusations about them through the write
 * module's set-based mode, as an import would: 200 actors, 50 places in 5 countries, reports of
 * 1,000 sentences, each event citing its sentence and each accusation quoting its accuser's
 * spokesperson and naming the event it is about.
 */
export function fillTimeline(db: Db, events: number): void {
  const session = openWrite(db, { operation: 'bench fill', keyName: null });
  const w = new BulkWriter(session, 'bench');
  const actor = (a: number) => w.actor(`actor-${a}`, { name: `Actor ${a}`, kind: a % 2 ? 'ARMED_GROUP' : 'STATE' });
  const place = (p: number) =>
    p < 5 ? w.place(`place-${p}`, { name: `Place ${p}`, kind: 'COUNTRY' }) : w.place(`place-${p}`, { name: `Place ${p}`, kind: 'CITY' }, w.place(`place-${p % 5}`, { name: `Place ${p % 5}`, kind: 'COUNTRY' }));
  const published = parseFuzzyDate('2020-01-01');
  let text = '';
  let offsets: number[] = [];
  let source = '';
  const span = (start: number, end: number) => ({ start, end, exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start), suffix: text.slice(end, end + CONTEXT_LENGTH) });
  for (let i = 0; i < events; i += 1) {
    if (i % PER_SOURCE === 0) {
      const sentences = Array.from({ length: Math.min(PER_SOURCE, events - i) }, (_, k) => `Report ${i + k}: strike ${i + k} took place. "Strike ${i + k} was theirs," a spokesman said.`);
      text = sentences.join(' ');
      offsets = [];
      for (let k = 0, at = 0; k < sentences.length; at += sentences[k]!.length + 1, k += 1) offsets.push(at);
      source = w.source(`report-${i / PER_SOURCE}`, { title: `Benchmark report ${i / PER_SOURCE}`, published, language: 'en', text });
    }
    // The report's narration of the strike, and the spokesman's words in quotation marks.
    const start = offsets[i % PER_SOURCE]!;
    const narration = span(start, text.indexOf('.', start) + 1);
    const quoted = text.indexOf('"', start) + 1;
    const direct = span(quoted, text.indexOf('"', quoted));
    const day = START + (i % 3650) * DAY;
    const agent = actor(i % 200);
    const target = actor((i * 7) % 200);
    const spokesperson = actor((i * 13) % 200);
    w.item(`event-${i}`, {
      type: 'EVENT',
      summary: `Strike ${i}.`,
      date: parseFuzzyDate(iso(day)),
      event: { title: `Strike ${i}`, kind: 'ASSAULT', status: i % 3 ? 'REPORTED' : 'ALLEGED' },
      participants: [
        { actor: agent, role: 'AGENT' },
        { actor: target, role: 'TARGET' },
      ],
      places: [place((i % 45) + 5)],
      citations: [{ source, quote: { selectors: narration, kind: 'NARRATION', speaker: null } }],
    });
    w.item(`accusation-${i}`, {
      type: 'ACCUSATION',
      summary: `Accusation about strike ${i}.`,
      date: parseFuzzyDate(iso(day + DAY)),
      claim: { claimant: target, spokesperson },
      accused: [agent],
      links: [{ kind: 'IS_ABOUT', to: `event-${i}` }],
      citations: [{ source, quote: { selectors: direct, kind: 'DIRECT', speaker: spokesperson } }],
    });
    if (w.full) w.flush();
  }
  w.flush();
  session.commit();
}
