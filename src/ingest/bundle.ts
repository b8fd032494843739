import { and, eq, inArray } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Db } from '../db/client.ts';
import {
  actorAliases,
  actorIdentifiers,
  actorRelations,
  actors,
  citations,
  claimAccused,
  claims,
  eventParticipants,
  eventPlaces,
  eventQuantities,
  events,
  items,
  links,
  placeAliases,
  places,
  quotes,
  recordKeys,
  sources,
} from '../db/schema.ts';
import { recordedWrite, type Origin } from '../domain/changes.ts';
import { linkRuleViolations } from '../domain/editing.ts';
import { InputError, type InputIssue } from '../domain/errors.ts';
import { parseWith } from '../domain/validation.ts';
import { parseFuzzyDate, type FuzzyDate } from '../domain/fuzzy-date.ts';
import { anchorQuote } from '../domain/quote-anchor.ts';
import { resolveRelativeDate } from '../domain/relative-date.ts';
import type { ItemType } from '../domain/vocabulary.ts';
import { bundleSchema, type Bundle, type CitationSpec, type DateSpec } from './bundle-format.ts';

const RECORD_TYPES = ['source', 'actor', 'relation', 'place', 'event', 'claim', 'quote', 'link'] as const;
type RecordType = (typeof RECORD_TYPES)[number];
type Counts = Record<RecordType, number>;

export interface LoadReport {
  namespace: string;
  /** Records written by this load. */
  created: Counts;
  /** Records found already in the database (by the bundle's keys, a URL, a GeoNames id or an actor identifier) and left as they were. */
  matched: Counts;
}

type Path = (string | number)[];

/** Reads a bundle file and the text files it names (relative to the bundle, never outside its folder). */
export function readBundleFile(file: string): unknown {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const baseDir = dirname(resolve(file));
  if (raw && typeof raw === 'object' && Array.isArray((raw as { sources?: unknown }).sources)) {
    for (const [index, source] of ((raw as { sources: Record<string, unknown>[] }).sources).entries()) {
      if (typeof source?.textFile !== 'string') continue;
      const target = resolve(baseDir, source.textFile);
      if (relative(baseDir, target).startsWith('..')) {
        throw new InputError(['sources', index, 'textFile'], 'must name a file inside the bundle folder');
      }
      const { textFile: _, ...rest } = source;
      (raw as { sources: unknown[] }).sources[index] = { ...rest, text: readFileSync(target, 'utf8') };
    }
  }
  return raw;
}

/** Checks that keys are unique and every reference names a record of the right type. */
function checkReferences(bundle: Bundle): void {
  const issues: InputIssue[] = [];
  const keysOf = (section: string, records: { key: string }[]) => {
    const seen = new Map<string, number>();
    records.forEach((r, i) => {
      if (seen.has(r.key)) issues.push({ path: [section, i, 'key'], message: `duplicate key "${r.key}"` });
      seen.set(r.key, i);
    });
    return seen;
  };
  const sourceKeys = keysOf('sources', bundle.sources);
  const actorKeys = keysOf('actors', bundle.actors);
  const placeKeys = keysOf('places', bundle.places);
  const itemTypes = new Map<string, ItemType>();
  for (const [section, records] of [['events', bundle.events], ['claims', bundle.claims]] as const) {
    records.forEach((r, i) => {
      if (itemTypes.has(r.key)) issues.push({ path: [section, i, 'key'], message: `duplicate key "${r.key}" (events and claims share keys)` });
      itemTypes.set(r.key, 'type' in r ? r.type : 'EVENT');
    });
  }
  const expect = (keys: Map<string, unknown>, what: string, key: string | undefined, path: Path) => {
    if (key !== undefined && !keys.has(key)) issues.push({ path, message: `no ${what} with key "${key}" in this bundle` });
  };
  const checkCitations = (list: CitationSpec[], path: Path) =>
    list.forEach((c, i) => {
      expect(sourceKeys, 'source', c.source, [...path, i, 'source']);
      if (c.quote) {
        expect(actorKeys, 'actor', c.quote.speaker, [...path, i, 'quote', 'speaker']);
        if ((c.quote.kind === 'NARRATION') !== (c.quote.speaker === undefined)) {
          issues.push({ path: [...path, i, 'quote', 'speaker'], message: 'a quote has a speaker unless it is NARRATION, the source’s own words' });
        }
      }
    });
  bundle.relations.forEach((r, i) => {
    expect(actorKeys, 'actor', r.subject, ['relations', i, 'subject']);
    expect(actorKeys, 'actor', r.object, ['relations', i, 'object']);
    if (r.subject === r.object) issues.push({ path: ['relations', i, 'object'], message: 'an actor cannot relate to itself' });
    checkCitations(r.citations, ['relations', i, 'citations']);
  });
  bundle.places.forEach((p, i) => {
    expect(placeKeys, 'place', p.parent, ['places', i, 'parent']);
    if (p.parent === p.key) issues.push({ path: ['places', i, 'parent'], message: 'a place cannot be its own parent' });
  });
  bundle.events.forEach((e, i) => {
    e.participants.forEach((p, j) => expect(actorKeys, 'actor', p.actor, ['events', i, 'participants', j, 'actor']));
    e.places.forEach((p, j) => expect(placeKeys, 'place', p, ['events', i, 'places', j]));
    checkCitations(e.citations, ['events', i, 'citations']);
  });
  bundle.claims.forEach((c, i) => {
    expect(actorKeys, 'actor', c.claimant, ['claims', i, 'claimant']);
    expect(actorKeys, 'actor', c.spokesperson, ['claims', i, 'spokesperson']);
    c.accused.forEach((a, j) => expect(actorKeys, 'actor', a, ['claims', i, 'accused', j]));
    checkCitations(c.citations, ['claims', i, 'citations']);
  });
  bundle.links.forEach((l, i) => {
    expect(itemTypes, 'event or claim', l.from, ['links', i, 'from']);
    expect(itemTypes, 'event or claim', l.to, ['links', i, 'to']);
    const from = itemTypes.get(l.from);
    const to = itemTypes.get(l.to);
    if (l.from === l.to) issues.push({ path: ['links', i, 'to'], message: 'an item cannot link to itself' });
    if (!from || !to) return;
    for (const v of linkRuleViolations(l.kind, from, to)) issues.push({ path: ['links', i, v.end], message: `${v.message} ("${l[v.end]}")` });
  });
  if (issues.length) throw new InputError(issues);
}

/**
 * Validates a bundle and loads it in one transaction: all of it or, on any error, none of it.
 * Records already loaded (same namespace and key) are matched and left untouched, so loading a
 * bundle twice changes nothing.
 */
export function loadBundle(db: Db, input: unknown, origin: Origin = { operation: 'seed', keyName: null }): LoadReport {
  return recordedWrite(db, origin, (tx) => writeBundle(tx, input));
}

/** Validates a bundle and writes it in the caller's transaction (a mutation's, or loadBundle's). */
export function writeBundle(tx: Db, input: unknown): LoadReport {
  const bundle: Bundle = parseWith(bundleSchema, input);
  checkReferences(bundle);
  const created = Object.fromEntries(RECORD_TYPES.map((t) => [t, 0])) as Counts;
  const matched = Object.fromEntries(RECORD_TYPES.map((t) => [t, 0])) as Counts;

  {
    const keyed = (recordType: RecordType, key: string) =>
      tx
        .select({ id: recordKeys.recordId })
        .from(recordKeys)
        .where(and(eq(recordKeys.namespace, bundle.namespace), eq(recordKeys.key, `${recordType}:${key}`)))
        .get()?.id;
    const remember = (recordType: RecordType, key: string, id: number) =>
      tx.insert(recordKeys).values({ namespace: bundle.namespace, key: `${recordType}:${key}`, recordType, recordId: id }).run();
    /** Returns the id of the keyed record, matching an existing one or creating it. */
    const upsert = (recordType: RecordType, key: string, find: () => number | undefined, create: () => number) => {
      const known = keyed(recordType, key);
      const existing = known ?? find();
      if (existing !== undefined) {
        matched[recordType] += 1;
        if (known === undefined) remember(recordType, key, existing);
        return { id: existing, isNew: false };
      }
      const id = create();
      created[recordType] += 1;
      remember(recordType, key, id);
      return { id, isNew: true };
    };

    // Sources
    const sourceIds = new Map<string, { id: number; text: string | null; published: FuzzyDate }>();
    bundle.sources.forEach((s, i) => {
      const published = resolveDate(s.published, null, ['sources', i, 'published']);
      const { id } = upsert(
        'source',
        s.key,
        () => (s.url ? tx.select({ id: sources.id }).from(sources).where(eq(sources.url, s.url)).get()?.id : undefined),
        () =>
          tx
            .insert(sources)
            .values({
              title: s.title,
              publisher: s.publisher ?? null,
              url: s.url ?? null,
              publishedEdtf: published.edtf,
              publishedEarliest: published.earliest,
              publishedLatest: published.latest,
              publishedBasis: published.basis,
              language: s.language ?? null,
              text: s.text ?? null,
            })
            .returning({ id: sources.id })
            .get().id,
      );
      const stored = tx.select({ text: sources.text, edtf: sources.publishedEdtf }).from(sources).where(eq(sources.id, id)).get()!;
      sourceIds.set(s.key, { id, text: stored.text, published: parseFuzzyDate(stored.edtf) });
    });

    // Actors: matched by key, else by any shared external identifier.
    const actorIds = new Map<string, number>();
    for (const a of bundle.actors) {
      const identifiers = Object.entries(a.identifiers) as [string, string][];
      const { id, isNew } = upsert(
        'actor',
        a.key,
        () =>
          identifiers.length
            ? tx
                .select({ id: actorIdentifiers.actorId })
                .from(actorIdentifiers)
                .where(inArray(actorIdentifiers.value, identifiers.map(([, v]) => v)))
                .all()
                .find((row) => row.id !== undefined)?.id
            : undefined,
        () =>
          tx
            .insert(actors)
            .values({ name: a.name, kind: a.kind, country: a.country ?? null, description: a.description ?? null })
            .returning({ id: actors.id })
            .get().id,
      );
      if (isNew) {
        for (const alias of new Set(a.aliases)) tx.insert(actorAliases).values({ actorId: id, alias }).run();
        for (const [scheme, value] of identifiers) tx.insert(actorIdentifiers).values({ actorId: id, scheme, value }).run();
      }
      actorIds.set(a.key, id);
    }

    // Places: parents first, whatever order the bundle lists them in.
    const placeIds = new Map<string, number>();
    const placeByKey = new Map(bundle.places.map((p, i) => [p.key, { place: p, index: i }]));
    const placeId = (key: string, trail: string[] = []): number => {
      const known = placeIds.get(key);
      if (known !== undefined) return known;
      const { place: p, index } = placeByKey.get(key)!;
      if (trail.includes(key)) throw new InputError(['places', index, 'parent'], `places form a cycle: ${[...trail, key].join(' → ')}`);
      const parentId = p.parent ? placeId(p.parent, [...trail, key]) : null;
      const { id, isNew } = upsert(
        'place',
        p.key,
        () => (p.geonamesId ? tx.select({ id: places.id }).from(places).where(eq(places.geonamesId, p.geonamesId)).get()?.id : undefined),
        () =>
          tx
            .insert(places)
            .values({
              name: p.name,
              kind: p.kind,
              country: p.country ?? null,
              latitude: p.coordinates?.latitude ?? null,
              longitude: p.coordinates?.longitude ?? null,
              geonamesId: p.geonamesId ?? null,
              parentId,
            })
            .returning({ id: places.id })
            .get().id,
      );
      if (isNew) for (const alias of new Set(p.aliases)) tx.insert(placeAliases).values({ placeId: id, alias }).run();
      placeIds.set(key, id);
      return id;
    };
    bundle.places.forEach((p) => placeId(p.key));

    const quoteId = (citation: CitationSpec, path: Path): number | null => {
      if (!citation.quote) return null;
      const source = sourceIds.get(citation.source)!;
      if (source.text === null) throw new InputError([...path, 'quote'], `source "${citation.source}" has no text to quote from`);
      const { kind, speaker, ...locator } = citation.quote;
      const selectors = anchorQuote(source.text, locator, [...path, 'quote']);
      const existing = tx
        .select({ id: quotes.id })
        .from(quotes)
        .where(and(eq(quotes.sourceId, source.id), eq(quotes.start, selectors.start), eq(quotes.end, selectors.end)))
        .get();
      if (existing) {
        matched.quote += 1;
        return existing.id;
      }
      created.quote += 1;
      return tx
        .insert(quotes)
        .values({ sourceId: source.id, speakerId: speaker ? actorIds.get(speaker)! : null, kind, ...selectors })
        .returning({ id: quotes.id })
        .get().id;
    };
    const cite = (target: { itemId: number } | { relationId: number }, list: CitationSpec[], path: Path) =>
      list.forEach((c, i) => {
        tx.insert(citations)
          .values({ ...target, sourceId: sourceIds.get(c.source)!.id, quoteId: quoteId(c, [...path, i]) })
          .onConflictDoNothing()
          .run();
      });
    /** Relative dates are resolved against the publication date of the record's first cited source. */
    const dateOf = (spec: DateSpec, list: CitationSpec[], path: Path) =>
      resolveDate(spec, sourceIds.get(list[0]!.source)!.published, path);

    // Relations
    bundle.relations.forEach((r, i) => {
      const valid = r.valid === undefined ? null : dateOf(r.valid, r.citations, ['relations', i, 'valid']);
      const { id, isNew } = upsert('relation', `${r.subject}|${r.kind}|${r.object}`, () => undefined, () =>
        tx
          .insert(actorRelations)
          .values({
            subjectId: actorIds.get(r.subject)!,
            kind: r.kind,
            objectId: actorIds.get(r.object)!,
            validEdtf: valid?.edtf ?? null,
            validEarliest: valid?.earliest ?? null,
            validLatest: valid?.latest ?? null,
          })
          .returning({ id: actorRelations.id })
          .get().id,
      );
      if (isNew) cite({ relationId: id }, r.citations, ['relations', i, 'citations']);
    });

    // Timeline items
    const itemIds = new Map<string, number>();
    const insertItem = (type: ItemType, summary: string, date: FuzzyDate) =>
      tx
        .insert(items)
        .values({ type, summary, dateEdtf: date.edtf, dateEarliest: date.earliest, dateLatest: date.latest, dateBasis: date.basis })
        .returning({ id: items.id })
        .get().id;
    bundle.events.forEach((e, i) => {
      const path: Path = ['events', i];
      const date = dateOf(e.date, e.citations, [...path, 'date']);
      const { id, isNew } = upsert('event', e.key, () => undefined, () => {
        const itemId = insertItem('EVENT', e.summary, date);
        tx.insert(events)
          .values({ itemId, title: e.title, kind: e.kind, mode: e.mode ?? null, contexts: JSON.stringify(e.contexts), status: e.status, cameoCode: e.cameoCode ?? null })
          .run();
        return itemId;
      });
      if (isNew) {
        for (const p of e.participants) tx.insert(eventParticipants).values({ eventId: id, actorId: actorIds.get(p.actor)!, role: p.role }).onConflictDoNothing().run();
        for (const p of new Set(e.places)) tx.insert(eventPlaces).values({ eventId: id, placeId: placeIds.get(p)! }).run();
        for (const q of e.quantities) tx.insert(eventQuantities).values({ eventId: id, measure: q.measure, value: q.value, unit: q.unit ?? null }).run();
        cite({ itemId: id }, e.citations, [...path, 'citations']);
      }
      itemIds.set(e.key, id);
    });
    bundle.claims.forEach((c, i) => {
      const path: Path = ['claims', i];
      const date = dateOf(c.date, c.citations, [...path, 'date']);
      const { id, isNew } = upsert('claim', c.key, () => undefined, () => {
        const itemId = insertItem(c.type, c.summary, date);
        tx.insert(claims)
          .values({
            itemId,
            claimantId: actorIds.get(c.claimant)!,
            spokespersonId: c.spokesperson ? actorIds.get(c.spokesperson)! : null,
            stance: c.stance ?? null,
            statementKind: c.statementKind ?? null,
          })
          .run();
        return itemId;
      });
      if (isNew) {
        for (const a of new Set(c.accused)) tx.insert(claimAccused).values({ claimId: id, actorId: actorIds.get(a)! }).run();
        cite({ itemId: id }, c.citations, [...path, 'citations']);
      }
      itemIds.set(c.key, id);
    });

    // Links
    for (const l of bundle.links) {
      upsert('link', `${l.from}|${l.kind}|${l.to}`, () => undefined, () =>
        tx.insert(links).values({ fromItemId: itemIds.get(l.from)!, kind: l.kind, toItemId: itemIds.get(l.to)! }).returning({ id: links.id }).get().id,
      );
    }
  }
  return { namespace: bundle.namespace, created, matched };
}

function resolveDate(spec: DateSpec, published: FuzzyDate | null, path: Path): FuzzyDate {
  if (typeof spec === 'string') return parseFuzzyDate(spec, path);
  if ('edtf' in spec) return parseFuzzyDate(spec.edtf, [...path, 'edtf'], spec.basis ?? null);
  if (!published) throw new InputError(path, 'a relative date needs a cited source with a publication date');
  return resolveRelativeDate(spec.relative, published, [...path, 'relative']);
}
