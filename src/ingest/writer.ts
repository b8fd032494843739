import { createHash } from 'node:crypto';
import type { QuoteKind } from '../db/vocabulary.ts';
import type { QuoteSelectors } from '../domain/quote-anchor.ts';
import type { ActorValues, ItemValues, PlaceValues, SourceValues, Writer } from '../domain/write.ts';

/** A timeline item as an importer produces it, every reference resolved to an id. */
export type ItemInput = ItemValues;

/** What a row did; `unmatched`: it refers to a record not in the database (a mention of an event not imported). */
export type Outcome = 'created' | 'updated' | 'unchanged' | 'unmatched';

const CACHE_SIZE = 20_000;

/**
 * The importers' front end to the write module: records are found by their natural key in the
 * format's namespace (a GLOBALEVENTID, an ACLED event_id_cnty, a URL), else by what identifies
 * them across sources (a source's URL, an actor's identifier), else created. A record imported
 * before with the same values is left alone; with other values it is updated in place.
 */
export class ImportWriter {
  // Ids of records met recently. Bounded, so that memory stays flat however large the input:
  // a key evicted is simply looked up again.
  private readonly ids = new Map<string, number>();

  constructor(
    private readonly w: Writer,
    private readonly namespace: string,
  ) {}

  private cache(key: string, id: number): number {
    if (this.ids.size >= CACHE_SIZE) this.ids.clear();
    this.ids.set(key, id);
    return id;
  }

  /** The id of a keyed record, created (and its key remembered) the first time any import of this namespace meets it. */
  private once(recordType: string, key: string, find: () => number | undefined, create: () => number): number {
    const full = `${recordType}:${key}`;
    const known = this.ids.get(full) ?? this.w.keyed(this.namespace, full)?.id;
    if (known !== undefined) return this.cache(full, known);
    const id = find() ?? create();
    this.w.rememberKey(this.namespace, full, recordType, id);
    return this.cache(full, id);
  }

  actor(key: string, a: ActorValues): number {
    return this.once('actor', key, () => this.w.actorByIdentifiers(a.identifiers ?? []), () => this.w.createActor(a));
  }

  place(key: string, p: PlaceValues): number {
    return this.once('place', key, () => (p.geonamesId ? this.w.placeByGeonames(p.geonamesId) : undefined), () => this.w.createPlace(p));
  }

  /** A source, matched by URL across all imports (a URL names one source), else by key within this format. */
  source(key: string, s: SourceValues): number {
    if (!s.url) return this.once('source', key, () => undefined, () => this.w.createSource(s));
    const cached = this.ids.get(`url:${s.url}`);
    return cached ?? this.cache(`url:${s.url}`, this.w.sourceByUrl(s.url) ?? this.w.createSource(s));
  }

  /** A span of a source's text, reused when the same span was recorded before. */
  quote(sourceId: number, selectors: QuoteSelectors, kind: QuoteKind, speakerId: number | null): number {
    return this.w.quote(sourceId, { start: selectors.start, end: selectors.end }, kind, speakerId).id;
  }

  /** Creates, updates or leaves alone the item with this natural key. */
  item(key: string, item: ItemInput): Outcome {
    const full = `item:${key}`;
    const fingerprint = createHash('sha1').update(JSON.stringify(item)).digest('base64url');
    const existing = this.w.keyed(this.namespace, full);
    if (existing?.fingerprint === fingerprint) return 'unchanged';
    if (existing) {
      this.w.replaceItem(existing.id, item);
      this.w.rememberKey(this.namespace, full, 'item', existing.id, fingerprint);
      return 'updated';
    }
    this.w.rememberKey(this.namespace, full, 'item', this.w.createItem(item), fingerprint);
    return 'created';
  }

  /** Cites a source for an item imported earlier (a GDELT mention). */
  cite(itemKey: string, sourceId: number): Outcome {
    const item = this.w.keyed(this.namespace, `item:${itemKey}`);
    if (!item) return 'unmatched';
    if (!this.w.cite({ itemId: item.id }, { sourceId })) return 'unchanged';
    this.w.effects.changed.add(item.id);
    return 'created';
  }
}
