import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/client.ts';
import type { FuzzyDate } from '../domain/fuzzy-date.ts';
import type { QuoteSelectors } from '../domain/quote-anchor.ts';
import type {
  ActorKind,
  EventKind,
  EventStatus,
  IdentifierScheme,
  ItemType,
  ParticipantRole,
  PlaceKind,
  QuoteKind,
  RebuttalStance,
  StatementKind,
} from '../domain/vocabulary.ts';

export interface ActorInput {
  name: string;
  kind: ActorKind;
  country?: string | null;
  description?: string | null;
  aliases?: string[];
  identifiers?: [IdentifierScheme, string][];
}

export interface PlaceInput {
  name: string;
  kind: PlaceKind;
  country?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  geonamesId?: number | null;
  parentId?: number | null;
}

export interface SourceInput {
  url?: string | null;
  title?: string | null;
  publisher?: string | null;
  published: FuzzyDate;
  language?: string | null;
  text?: string | null;
}

export interface ReviewInput {
  reviewerId: number | null;
  url: string | null;
  published: FuzzyDate;
  ratingValue: number | null;
  bestRating: number | null;
  worstRating: number | null;
  ratingLabel: string | null;
  body: string | null;
}

/** A timeline item as an importer produces it, with every reference already resolved to an id. */
export interface ItemInput {
  type: ItemType;
  summary: string;
  date: FuzzyDate;
  event?: {
    title: string;
    kind: EventKind;
    mode?: string | null;
    contexts?: string[];
    status: EventStatus;
    cameoCode?: string | null;
    goldstein?: number | null;
    quadClass?: number | null;
    tone?: number | null;
    acledEventType?: string | null;
    acledSubEventType?: string | null;
  };
  claim?: {
    claimantId: number;
    spokespersonId?: number | null;
    stance?: RebuttalStance | null;
    statementKind?: StatementKind | null;
    accusedIds?: number[];
    reviews?: ReviewInput[];
  };
  participants?: { actorId: number; role: ParticipantRole }[];
  placeIds?: number[];
  quantities?: { measure: string; value: number; unit?: string | null }[];
  /** At least one: nothing enters the record without a source. */
  citations: { sourceId: number; quoteId?: number | null }[];
}

/** What a row did; `unmatched`: it refers to a record not in the database (a mention of an event not imported). */
const CACHE_SIZE = 20_000;

export type Outcome = 'created' | 'updated' | 'unchanged' | 'unmatched';

/**
 * Writes imported records by natural key (a GLOBALEVENTID, an ACLED event_id_cnty, a URL) with
 * prepared statements and per-import caches. A record already imported with the same values is
 * left alone; with other values it is updated in place (same id, links kept).
 */
export class ImportWriter {
  // Ids of records met recently. Bounded, so that memory stays flat however large the input:
  // a key evicted is simply looked up in the database again.
  private readonly ids = new Map<string, number>();
  private cache(key: string, id: number): void {
    if (this.ids.size >= CACHE_SIZE) this.ids.clear();
    this.ids.set(key, id);
  }
  private readonly s: Record<string, Statement>;

  constructor(
    db: Db,
    private readonly namespace: string,
  ) {
    const p = (sql: string) => db.$client.prepare(sql);
    this.s = {
      key: p('SELECT record_id AS id, fingerprint FROM record_keys WHERE namespace = ? AND key = ?'),
      remember: p('INSERT INTO record_keys (namespace, key, record_type, record_id, fingerprint) VALUES (?, ?, ?, ?, ?)'),
      refingerprint: p('UPDATE record_keys SET fingerprint = ? WHERE namespace = ? AND key = ?'),
      actor: p('INSERT INTO actors (name, kind, country, description) VALUES (?, ?, ?, ?)'),
      quote: p(`INSERT INTO quotes (source_id, speaker_id, kind, start, end, exact, prefix, suffix) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (source_id, start, end) DO UPDATE SET kind = kind RETURNING id`),
      alias: p('INSERT OR IGNORE INTO actor_aliases (actor_id, alias) VALUES (?, ?)'),
      identifier: p('INSERT OR IGNORE INTO actor_identifiers (actor_id, scheme, value) VALUES (?, ?, ?)'),
      place: p('INSERT INTO places (name, kind, country, latitude, longitude, geonames_id, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      sourceByUrl: p('SELECT id FROM sources WHERE url = ?'),
      source: p('INSERT INTO sources (title, publisher, url, published_edtf, published_earliest, published_latest, published_basis, language, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      item: p('INSERT INTO items (type, summary, date_edtf, date_earliest, date_latest, date_basis) VALUES (?, ?, ?, ?, ?, ?)'),
      updateItem: p('UPDATE items SET type = ?, summary = ?, date_edtf = ?, date_earliest = ?, date_latest = ?, date_basis = ? WHERE id = ?'),
      event: p(`INSERT INTO events (item_id, title, kind, mode, contexts, status, cameo_code, goldstein, quad_class, tone, acled_event_type, acled_sub_event_type)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      claim: p('INSERT INTO claims (item_id, claimant_id, spokesperson_id, stance, statement_kind) VALUES (?, ?, ?, ?, ?)'),
      participant: p('INSERT OR IGNORE INTO event_participants (event_id, actor_id, role) VALUES (?, ?, ?)'),
      eventPlace: p('INSERT OR IGNORE INTO event_places (event_id, place_id) VALUES (?, ?)'),
      quantity: p('INSERT INTO event_quantities (event_id, measure, value, unit) VALUES (?, ?, ?, ?)'),
      accused: p('INSERT OR IGNORE INTO claim_accused (claim_id, actor_id) VALUES (?, ?)'),
      newCitation: p('INSERT OR IGNORE INTO citations (item_id, source_id, quote_id) VALUES (?, ?, ?)'),
      // NULLs are distinct in a unique index, so a citation without a quote is deduplicated here.
      citation: p(`INSERT INTO citations (item_id, source_id, quote_id) SELECT :item, :source, :quote
        WHERE NOT EXISTS (SELECT 1 FROM citations WHERE item_id = :item AND source_id = :source AND quote_id IS :quote)`),
      review: p(`INSERT INTO claim_reviews (claim_id, reviewer_id, url, published_edtf, published_earliest, published_latest, published_basis,
        rating_value, best_rating, worst_rating, rating_label, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      clearEvent: p('DELETE FROM events WHERE item_id = ?'),
      clearClaim: p('DELETE FROM claims WHERE item_id = ?'),
      clearCitations: p('DELETE FROM citations WHERE item_id = ?'),
    };
  }

  private lookup(key: string): { id: number; fingerprint: string | null } | undefined {
    return this.s.key!.get(this.namespace, key) as { id: number; fingerprint: string | null } | undefined;
  }

  /** The id of a keyed record, creating it the first time any import of this namespace meets the key. */
  private once(recordType: string, key: string, create: () => number): number {
    const full = `${recordType}:${key}`;
    let id = this.ids.get(full) ?? this.lookup(full)?.id;
    if (id === undefined) {
      id = create();
      this.s.remember!.run(this.namespace, full, recordType, id, null);
    }
    this.cache(full, id);
    return id;
  }

  actor(key: string, a: ActorInput): number {
    return this.once('actor', key, () => {
      const id = Number(this.s.actor!.run(a.name, a.kind, a.country ?? null, a.description ?? null).lastInsertRowid);
      for (const alias of a.aliases ?? []) if (alias !== a.name) this.s.alias!.run(id, alias);
      for (const [scheme, value] of a.identifiers ?? []) this.s.identifier!.run(id, scheme, value);
      return id;
    });
  }

  place(key: string, p: PlaceInput): number {
    return this.once('place', key, () =>
      Number(this.s.place!.run(p.name, p.kind, p.country ?? null, p.latitude ?? null, p.longitude ?? null, p.geonamesId ?? null, p.parentId ?? null).lastInsertRowid),
    );
  }

  /** A source, matched by URL across all imports, else by key within this one. */
  source(key: string, s: SourceInput): number {
    const full = `source:${key}`;
    const cached = this.ids.get(full);
    if (cached !== undefined) return cached;
    const existing = s.url ? (this.s.sourceByUrl!.get(s.url) as { id: number } | undefined)?.id : this.lookup(full)?.id;
    const id =
      existing ??
      Number(
        this.s.source!.run(s.title ?? null, s.publisher ?? null, s.url ?? null, s.published.edtf, s.published.earliest, s.published.latest, s.published.basis, s.language ?? null, s.text ?? null)
          .lastInsertRowid,
      );
    if (!s.url && existing === undefined) this.s.remember!.run(this.namespace, full, 'source', id, null);
    this.cache(full, id);
    return id;
  }

  /** A span of a source's text (both selectors), reused when the same span was recorded before. */
  quote(sourceId: number, selectors: QuoteSelectors, kind: QuoteKind, speakerId: number | null): number {
    const { start, end, exact, prefix, suffix } = selectors;
    return (this.s.quote!.get(sourceId, speakerId, kind, start, end, exact, prefix, suffix) as { id: number }).id;
  }

  /** Creates, updates or leaves alone the item with this natural key. */
  item(key: string, item: ItemInput): Outcome {
    const full = `item:${key}`;
    const fingerprint = createHash('sha1').update(JSON.stringify(item)).digest('base64url');
    const existing = this.lookup(full);
    if (existing?.fingerprint === fingerprint) return 'unchanged';
    const { date } = item;
    let id: number;
    if (existing) {
      id = existing.id;
      this.s.updateItem!.run(item.type, item.summary, date.edtf, date.earliest, date.latest, date.basis, id);
      // Children are replaced; links to and from the item stay.
      this.s.clearEvent!.run(id);
      this.s.clearClaim!.run(id);
      this.s.clearCitations!.run(id);
      this.s.refingerprint!.run(fingerprint, this.namespace, full);
    } else {
      id = Number(this.s.item!.run(item.type, item.summary, date.edtf, date.earliest, date.latest, date.basis).lastInsertRowid);
      this.s.remember!.run(this.namespace, full, 'item', id, fingerprint);
    }
    const e = item.event;
    if (e) {
      this.s.event!.run(id, e.title, e.kind, e.mode ?? null, JSON.stringify(e.contexts ?? []), e.status, e.cameoCode ?? null, e.goldstein ?? null, e.quadClass ?? null, e.tone ?? null, e.acledEventType ?? null, e.acledSubEventType ?? null);
      for (const p of item.participants ?? []) this.s.participant!.run(id, p.actorId, p.role);
      for (const placeId of item.placeIds ?? []) this.s.eventPlace!.run(id, placeId);
      for (const q of item.quantities ?? []) this.s.quantity!.run(id, q.measure, q.value, q.unit ?? null);
    }
    const c = item.claim;
    if (c) {
      this.s.claim!.run(id, c.claimantId, c.spokespersonId ?? null, c.stance ?? null, c.statementKind ?? null);
      for (const actorId of c.accusedIds ?? []) this.s.accused!.run(id, actorId);
      for (const r of c.reviews ?? []) {
        this.s.review!.run(id, r.reviewerId, r.url, r.published.edtf, r.published.earliest, r.published.latest, r.published.basis, r.ratingValue, r.bestRating, r.worstRating, r.ratingLabel, r.body);
      }
    }
    // The item has no citations now (new, or cleared above): only the list itself can repeat one.
    const cited = new Set<string>();
    for (const { sourceId, quoteId = null } of item.citations) {
      if (cited.has(`${sourceId}:${quoteId}`)) continue;
      cited.add(`${sourceId}:${quoteId}`);
      this.s.newCitation!.run(id, sourceId, quoteId);
    }
    return existing ? 'updated' : 'created';
  }

  /** Cites a source for an item imported earlier (a GDELT mention). */
  cite(itemKey: string, sourceId: number): Outcome {
    const item = this.lookup(`item:${itemKey}`);
    if (!item) return 'unmatched';
    return this.s.citation!.run({ item: item.id, source: sourceId, quote: null }).changes ? 'created' : 'unchanged';
  }
}
