import { dateFacets, OPEN_END, OPEN_START } from '../domain/fuzzy-date.ts';
import type { ItemRow } from '../domain/timeline.ts';
import type { Exporter } from './formats.ts';
import { globalId } from '../domain/global-id.ts';
import { arrayElements, batches, escapeMarkup, itemTypename, type Batch } from './slice.ts';

// TimelineJS (Knight Lab) JSON: https://timeline.knightlab.com/docs/json-format.html. One object,
// written as it is read: the title, then each item as a slide in timeline order.

/** A TimelineJS date: the UTC parts of an instant, down to the unit the item's date states. */
function timelineDate(ms: number, withTime: boolean, display: string) {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    ...(withTime ? { hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() } : {}),
    display_date: display,
  };
}

function headline(item: ItemRow, batch: Batch): string {
  if (item.type === 'EVENT') return item.title!;
  const claimant = batch.actorRows.get(item.claimantId!)?.name;
  const type = itemTypename(item);
  return claimant ? `${type} by ${claimant}` : type;
}

/** The slide of one item: its date as vague as the source (a span from earliest to latest, labelled), summary, quotes and sources. */
export function slide(item: ItemRow, batch: Batch) {
  const { precision, label } = dateFacets(item.dateEdtf);
  const withTime = precision === 'TIME';
  const openStart = item.dateEarliest === OPEN_START;
  const openEnd = item.dateLatest === OPEN_END;
  // A date that is not one day is a span; an open start is shown from its end.
  const single = !openStart && !openEnd && new Date(item.dateEarliest).toISOString().slice(0, 10) === new Date(item.dateLatest).toISOString().slice(0, 10);
  const citations = batch.citations.get(item.id) ?? [];
  const quotes = citations.flatMap((c) => (c.quoteId === null ? [] : [batch.quoteRows.get(c.quoteId)!])).filter(Boolean);
  const sources = [...new Set(citations.map((c) => c.sourceId))].map((id) => batch.sourceRows.get(id)!).filter(Boolean);
  const text = [
    `<p>${escapeMarkup(item.summary)}</p>`,
    ...quotes.map((q) => `<blockquote>${escapeMarkup(q.exact)}</blockquote>`),
    sources.length ? `<p>Sources: ${sources.map((s) => (s.url ? `<a href="${escapeMarkup(s.url)}">${escapeMarkup(s.title ?? s.url)}</a>` : escapeMarkup(s.title ?? 'untitled source'))).join('; ')}</p>` : '',
  ].join('');
  return {
    unique_id: globalId(itemTypename(item), item.id),
    start_date: timelineDate(openStart ? item.dateLatest : item.dateEarliest, withTime, label),
    ...(single || openEnd || openStart ? {} : { end_date: timelineDate(item.dateLatest, withTime, label) }),
    display_date: label,
    text: { headline: escapeMarkup(headline(item, batch)), text },
    group: itemTypename(item),
  };
}

export const timelineJs: Exporter = {
  contentType: 'application/json; charset=utf-8',
  extension: 'json',
  description: 'TimelineJS JSON: one slide per item, dated from earliest to latest, labelled as vaguely as the source',
  *render(db, filter) {
    yield `{"title":${JSON.stringify({ text: { headline: 'claimline', text: '<p>Events and claims from the claimline record, each dated exactly as vaguely as its sources.</p>' } })},"events":[`;
    const element = arrayElements();
    for (const batch of batches(db, filter)) yield batch.items.map((item) => element(slide(item, batch))).join('');
    yield '\n]}\n';
  },
};
