import { constants } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { CLAIM_TYPES, IDENTIFIER_SCHEMES, type ItemType } from '../db/vocabulary.ts';
import { InputError, type InputIssue } from './errors.ts';
import { parseFuzzyDate, type FuzzyDate } from './fuzzy-date.ts';
import { resolveRelativeDate } from './relative-date.ts';
import {
  acledFields,
  actorFields,
  claimFields,
  eventFields,
  gdeltFields,
  itemIdentifier,
  linkKind,
  participantRole,
  placeFields,
  quoteKind,
  quoteLocatorFields,
  rebuttalStance,
  relationKind,
  reviewFields,
  sourceFields,
  statementKind,
} from './schemas.ts';
import { parseWith, text, verbatim } from './validation.ts';
import { linkRuleViolations, write, type ItemValues, type Origin, type Writer } from './write.ts';

// The claimline bundle: one or more sources and everything drawn from them, each record named by
// a `key` unique within the bundle's `namespace` (the keys make loading idempotent). Version 3
// is read and written; versions 1 and 2 are read as version 3 (version 1's `identifiers` object
// becomes identifiers and codes; version 2's event measures become the event's GDELT or ACLED
// coding). seeds/README.md documents the format with examples.

const key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'keys are lower-case letters, digits and hyphens');

/** An EDTF string, an EDTF string with the reasoning behind it, or the source's own relative words. */
const dateSpec = z.union([verbatim, z.strictObject({ edtf: verbatim, basis: text.nullish() }), z.strictObject({ relative: text })]);
type DateSpec = z.infer<typeof dateSpec>;

const quoteSpec = z.strictObject({
  ...quoteLocatorFields,
  kind: quoteKind,
  /** The actor whose words these are; omitted only for NARRATION, the source's own words. */
  speaker: key.nullish(),
});
const citationSpec = z.strictObject({ source: key, quote: quoteSpec.nullish() });
type CitationSpec = z.infer<typeof citationSpec>;
const citations = z.array(citationSpec).min(1, 'cite at least one source');

/** What every item carries besides its own fields: its places, the data sets' keys and codings. */
const itemExtras = {
  places: z.array(key).default([]),
  identifiers: z.array(itemIdentifier).default([]),
  gdelt: z.strictObject({ ...gdeltFields, actor1Geo: key.nullish(), actor2Geo: key.nullish() }).nullish(),
  acled: z.strictObject(acledFields).nullish(),
};

export const bundleSchema = z.strictObject({
  format: z.literal('claimline-bundle'),
  version: z.literal(3),
  namespace: z.string().regex(/^[a-z0-9][a-z0-9/._-]*$/, 'a namespace such as "seed/article-2017-10-11"'),
  description: text.nullish(),
  sources: z.array(z.strictObject({ key, ...sourceFields, published: dateSpec })).default([]),
  actors: z.array(z.strictObject({ key, ...actorFields })).default([]),
  relations: z.array(z.strictObject({ subject: key, kind: relationKind, object: key, valid: dateSpec.nullish(), citations })).default([]),
  places: z.array(z.strictObject({ key, ...placeFields, parent: key.nullish() })).default([]),
  events: z
    .array(
      z.strictObject({
        key,
        ...eventFields,
        date: dateSpec,
        participants: z.array(z.strictObject({ actor: key, role: participantRole })).default([]),
        ...itemExtras,
        citations,
      }),
    )
    .default([]),
  claims: z
    .array(
      z
        .strictObject({
          key,
          type: z.enum(CLAIM_TYPES),
          ...claimFields,
          date: dateSpec,
          claimant: key,
          spokesperson: key.nullish(),
          accused: z.array(key).default([]),
          stance: rebuttalStance.nullish(),
          statementKind: statementKind.nullish(),
          reviews: z.array(z.strictObject({ reviewer: key.nullish(), published: dateSpec, ...reviewFields })).default([]),
          ...itemExtras,
          citations,
        })
        .superRefine((claim, ctx) => {
          if (claim.type !== 'ACCUSATION' && claim.accused.length > 0) ctx.addIssue({ code: 'custom', path: ['accused'], message: 'only an accusation has accused actors' });
          if ((claim.type === 'REBUTTAL') !== (claim.stance != null)) ctx.addIssue({ code: 'custom', path: ['stance'], message: 'a rebuttal, and only a rebuttal, has a stance' });
          if ((claim.type === 'STATEMENT') !== (claim.statementKind != null)) ctx.addIssue({ code: 'custom', path: ['statementKind'], message: 'a statement, and only a statement, has a statementKind' });
        }),
    )
    .default([]),
  links: z.array(z.strictObject({ from: key, kind: linkKind, to: key })).default([]),
});
export type Bundle = z.infer<typeof bundleSchema>;

/** Version 1 named identifiers and codes in one object (`{"WIKIDATA": "Q159", "CAMEO": "RUS"}`); version 2 lists each. */
function upgradeActor(a: unknown): unknown {
  if (!a || typeof a !== 'object' || !('identifiers' in a) || typeof a.identifiers !== 'object' || a.identifiers === null || Array.isArray(a.identifiers)) return a;
  const given = Object.entries(a.identifiers as Record<string, unknown>);
  const isIdentifier = (scheme: string) => (IDENTIFIER_SCHEMES as readonly string[]).includes(scheme);
  return {
    ...a,
    identifiers: given.filter(([scheme]) => isIdentifier(scheme)).map(([scheme, value]) => ({ scheme, value })),
    codes: given.filter(([scheme]) => !isIdentifier(scheme)).map(([scheme, value]) => ({ scheme, value })),
  };
}

/** Version 2 kept an event's measures among its fields; version 3 keeps them as its GDELT or ACLED coding. */
function upgradeEvent(e: unknown): unknown {
  if (!e || typeof e !== 'object') return e;
  const { cameoCode, goldstein, quadClass, tone, acledEventType, acledSubEventType, ...rest } = e as Record<string, unknown>;
  return {
    ...rest,
    ...(cameoCode != null ? { gdelt: { eventCode: cameoCode, goldsteinScale: goldstein, quadClass, avgTone: tone } } : {}),
    ...(acledEventType != null ? { acled: { eventType: acledEventType, subEventType: acledSubEventType } } : {}),
  };
}

/**
 * A bundle's text, read whole: a bundle is checked and loaded as one, so its file must fit in one
 * JavaScript string (about 512 MiB here, some 1.2 million exported items).
 */
function wholeText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STRING_TOO_LONG') throw error;
    throw new InputError([], `${file} is ${statSync(file).size.toLocaleString('en')} bytes: a bundle is read whole, and one string holds at most ${constants.MAX_STRING_LENGTH.toLocaleString('en')} characters; load its records in smaller bundles`);
  }
}

function upgrade(input: unknown): unknown {
  if (!input || typeof input !== 'object') return input;
  const version = (input as { version?: unknown }).version;
  if (version !== 1 && version !== 2) return input;
  const old = input as { actors?: unknown; events?: unknown };
  return {
    ...input,
    version: 3,
    actors: version === 1 && Array.isArray(old.actors) ? old.actors.map(upgradeActor) : old.actors,
    events: Array.isArray(old.events) ? old.events.map(upgradeEvent) : old.events,
  };
}

/** Reads a bundle file and the text files it names (relative to the bundle, never outside its folder). */
export function readBundleFile(file: string): unknown {
  const raw: unknown = JSON.parse(wholeText(file));
  const baseDir = dirname(resolve(file));
  if (raw && typeof raw === 'object' && Array.isArray((raw as { sources?: unknown }).sources)) {
    for (const [index, source] of ((raw as { sources: Record<string, unknown>[] }).sources).entries()) {
      if (typeof source?.textFile !== 'string') continue;
      const target = resolve(baseDir, source.textFile);
      if (relative(baseDir, target).startsWith('..')) throw new InputError(['sources', index, 'textFile'], 'must name a file inside the bundle folder');
      const { textFile: _, ...rest } = source;
      (raw as { sources: unknown[] }).sources[index] = { ...rest, text: readFileSync(target, 'utf8') };
    }
  }
  return raw;
}

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

/** Checks that keys are unique and every reference names a record of the right type in the bundle. */
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
  const expect = (keys: Map<string, unknown>, what: string, k: string | null | undefined, path: Path) => {
    if (k != null && !keys.has(k)) issues.push({ path, message: `no ${what} with key "${k}" in this bundle` });
  };
  const checkCitations = (list: CitationSpec[], path: Path) =>
    list.forEach((c, i) => {
      expect(sourceKeys, 'source', c.source, [...path, i, 'source']);
      if (c.quote) expect(actorKeys, 'actor', c.quote.speaker, [...path, i, 'quote', 'speaker']);
    });
  bundle.relations.forEach((r, i) => {
    expect(actorKeys, 'actor', r.subject, ['relations', i, 'subject']);
    expect(actorKeys, 'actor', r.object, ['relations', i, 'object']);
    checkCitations(r.citations, ['relations', i, 'citations']);
  });
  bundle.places.forEach((p, i) => {
    expect(placeKeys, 'place', p.parent, ['places', i, 'parent']);
    if (p.parent === p.key) issues.push({ path: ['places', i, 'parent'], message: 'a place cannot be its own parent' });
  });
  for (const [section, records] of [['events', bundle.events], ['claims', bundle.claims]] as const) {
    records.forEach((r, i) => {
      r.places.forEach((p, j) => expect(placeKeys, 'place', p, [section, i, 'places', j]));
      for (const geo of ['actor1Geo', 'actor2Geo'] as const) expect(placeKeys, 'place', r.gdelt?.[geo], [section, i, 'gdelt', geo]);
    });
  }
  bundle.events.forEach((e, i) => {
    e.participants.forEach((p, j) => expect(actorKeys, 'actor', p.actor, ['events', i, 'participants', j, 'actor']));
    checkCitations(e.citations, ['events', i, 'citations']);
  });
  bundle.claims.forEach((c, i) => {
    expect(actorKeys, 'actor', c.claimant, ['claims', i, 'claimant']);
    expect(actorKeys, 'actor', c.spokesperson, ['claims', i, 'spokesperson']);
    c.accused.forEach((a, j) => expect(actorKeys, 'actor', a, ['claims', i, 'accused', j]));
    c.reviews.forEach((r, j) => expect(actorKeys, 'actor', r.reviewer, ['claims', i, 'reviews', j, 'reviewer']));
    checkCitations(c.citations, ['claims', i, 'citations']);
  });
  bundle.links.forEach((l, i) => {
    expect(itemTypes, 'event or claim', l.from, ['links', i, 'from']);
    expect(itemTypes, 'event or claim', l.to, ['links', i, 'to']);
    const from = itemTypes.get(l.from);
    const to = itemTypes.get(l.to);
    if (from && to) for (const v of linkRuleViolations(l.kind, from, to)) issues.push({ path: ['links', i, v.end], message: `${v.message} ("${l[v.end]}")` });
  });
  if (issues.length) throw new InputError(issues);
}

/**
 * Validates a bundle and loads it in one transaction: all of it or, on any error, none of it.
 * Records already loaded (same namespace and key) are matched and left untouched, so loading a
 * bundle twice changes nothing.
 */
export function loadBundle(db: Db, input: unknown, origin: Origin = { operation: 'seed', keyName: null }): LoadReport {
  return write(db, origin, (writer) => writeBundle(writer, input)).result;
}

/** Validates a bundle and writes it through the caller's writer (a mutation's, or loadBundle's). */
export function writeBundle(w: Writer, input: unknown): LoadReport {
  const bundle: Bundle = parseWith(bundleSchema, upgrade(input));
  checkReferences(bundle);
  const ns = bundle.namespace;
  const created = Object.fromEntries(RECORD_TYPES.map((t) => [t, 0])) as Counts;
  const matched = Object.fromEntries(RECORD_TYPES.map((t) => [t, 0])) as Counts;
  /** The id of a keyed record: loaded before under this key, else found (by URL, identifier…), else created. */
  const upsert = (type: RecordType, k: string, find: () => number | undefined, create: () => number) => {
    const known = w.keyed(ns, `${type}:${k}`)?.id;
    const existing = known ?? find();
    if (existing !== undefined) {
      matched[type] += 1;
      if (known === undefined) w.rememberKey(ns, `${type}:${k}`, type, existing);
      return { id: existing, isNew: false };
    }
    const id = create();
    created[type] += 1;
    w.rememberKey(ns, `${type}:${k}`, type, id);
    return { id, isNew: true };
  };

  const sourceIds = new Map<string, { id: number; published: FuzzyDate }>();
  bundle.sources.forEach((s, i) => {
    const path = ['sources', i];
    const published = resolveDate(s.published, null, [...path, 'published']);
    const { id } = upsert('source', s.key, () => (s.url ? w.sourceByUrl(s.url) : undefined), () => w.createSource({ ...s, published }, path));
    sourceIds.set(s.key, { id, published: w.sourceText(id).published });
  });

  const actorIds = new Map<string, number>();
  bundle.actors.forEach((a, i) => {
    const { id } = upsert('actor', a.key, () => w.actorByIdentifiers(a.identifiers ?? []), () =>
      w.createActor({ ...a, aliases: a.aliases ?? [], identifiers: a.identifiers ?? [], codes: a.codes ?? [] }, ['actors', i]),
    );
    actorIds.set(a.key, id);
  });

  // Places: parents first, whatever order the bundle lists them in.
  const placeIds = new Map<string, number>();
  const placeByKey = new Map(bundle.places.map((p, i) => [p.key, { place: p, index: i }]));
  const placeId = (k: string, trail: string[] = []): number => {
    const known = placeIds.get(k);
    if (known !== undefined) return known;
    const { place: p, index } = placeByKey.get(k)!;
    if (trail.includes(k)) throw new InputError(['places', index, 'parent'], `places form a cycle: ${[...trail, k].join(' → ')}`);
    const parentId = p.parent ? placeId(p.parent, [...trail, k]) : null;
    const { id } = upsert('place', p.key, () => (p.geonamesId ? w.placeByGeonames(p.geonamesId) : undefined), () =>
      w.createPlace({ ...p, latitude: p.coordinates?.latitude, longitude: p.coordinates?.longitude, parentId, aliases: p.aliases ?? [] }, ['places', index]),
    );
    placeIds.set(k, id);
    return id;
  };
  bundle.places.forEach((p) => placeId(p.key));

  const cited = (list: CitationSpec[], path: Path) =>
    list.map((c, i) => {
      const source = sourceIds.get(c.source)!;
      if (!c.quote) return { sourceId: source.id };
      const { kind, speaker, ...locator } = c.quote;
      const quote = w.quote(source.id, { exact: locator.exact ?? undefined, prefix: locator.prefix ?? undefined, suffix: locator.suffix ?? undefined, start: locator.start ?? undefined, end: locator.end ?? undefined }, kind, speaker ? actorIds.get(speaker)! : null, [...path, i, 'quote']);
      (quote.created ? created : matched).quote += 1;
      return { sourceId: source.id, quoteId: quote.id };
    });
  /** Relative dates are resolved against the publication date of the record's first cited source. */
  const dateOf = (spec: DateSpec, list: CitationSpec[], path: Path) => resolveDate(spec, sourceIds.get(list[0]!.source)!.published, path);

  bundle.relations.forEach((r, i) => {
    const path = ['relations', i];
    const valid = r.valid == null ? null : dateOf(r.valid, r.citations, [...path, 'valid']);
    upsert('relation', `${r.subject}|${r.kind}|${r.object}`, () => undefined, () =>
      w.createRelation({ subjectId: actorIds.get(r.subject)!, kind: r.kind, objectId: actorIds.get(r.object)!, valid }, cited(r.citations, [...path, 'citations']), path),
    );
  });

  /** What events and claims carry alike: places, the data sets' keys and codings. */
  const extras = (r: Bundle['events'][number] | Bundle['claims'][number]): Pick<ItemValues, 'placeIds' | 'identifiers' | 'gdelt' | 'acled'> => {
    const geo = (k: string | null | undefined) => (k == null ? null : placeIds.get(k)!);
    const { actor1Geo, actor2Geo, ...gdelt } = r.gdelt ?? {};
    return {
      placeIds: r.places.map((p) => placeIds.get(p)!),
      identifiers: r.identifiers,
      gdelt: r.gdelt ? { ...(gdelt as typeof r.gdelt), actor1GeoId: geo(actor1Geo), actor2GeoId: geo(actor2Geo) } : null,
      acled: r.acled ?? null,
    };
  };
  const itemIds = new Map<string, number>();
  bundle.events.forEach((e, i) => {
    const path = ['events', i];
    const date = dateOf(e.date, e.citations, [...path, 'date']);
    const { id } = upsert('event', e.key, () => w.itemByIdentifiers(e.identifiers), () =>
      w.createItem(
        {
          type: 'EVENT',
          summary: e.summary,
          date,
          event: { title: e.title, kind: e.kind, mode: e.mode, contexts: e.contexts ?? [], status: e.status },
          participants: e.participants.map((p) => ({ actorId: actorIds.get(p.actor)!, role: p.role })),
          quantities: e.quantities ?? [],
          ...extras(e),
          citations: cited(e.citations, [...path, 'citations']),
        },
        path,
      ),
    );
    itemIds.set(e.key, id);
  });
  bundle.claims.forEach((c, i) => {
    const path = ['claims', i];
    const date = dateOf(c.date, c.citations, [...path, 'date']);
    const { id } = upsert('claim', c.key, () => w.itemByIdentifiers(c.identifiers), () => {
      const values: ItemValues = {
        type: c.type,
        summary: c.summary,
        date,
        claim: { claimantId: actorIds.get(c.claimant)!, spokespersonId: c.spokesperson ? actorIds.get(c.spokesperson)! : null, stance: c.stance ?? null, statementKind: c.statementKind ?? null },
        accused: c.accused.map((a) => actorIds.get(a)!),
        reviews: c.reviews.map((r, j) => ({
          reviewerId: r.reviewer ? actorIds.get(r.reviewer)! : null,
          url: r.url ?? null,
          published: dateOf(r.published, c.citations, [...path, 'reviews', j, 'published']),
          ratingValue: r.ratingValue ?? null,
          bestRating: r.bestRating ?? null,
          worstRating: r.worstRating ?? null,
          ratingLabel: r.ratingLabel ?? null,
          body: r.body ?? null,
        })),
        ...extras(c),
        citations: cited(c.citations, [...path, 'citations']),
      };
      return w.createItem(values, path);
    });
    itemIds.set(c.key, id);
  });

  // Links, once every item is in: the writer checks their rules and the order of rebuttals.
  bundle.links.forEach((l, i) => {
    upsert('link', `${l.from}|${l.kind}|${l.to}`, () => undefined, () => w.link(itemIds.get(l.from)!, l.kind, itemIds.get(l.to)!, ['links', i]).id);
  });
  return { namespace: ns, created, matched };
}

function resolveDate(spec: DateSpec, published: FuzzyDate | null, path: Path): FuzzyDate {
  if (typeof spec === 'string') return parseFuzzyDate(spec, path);
  if ('edtf' in spec) return parseFuzzyDate(spec.edtf, [...path, 'edtf'], spec.basis ?? null);
  if (!published) throw new InputError(path, 'a relative date needs a cited source with a publication date');
  return resolveRelativeDate(spec.relative, published, [...path, 'relative']);
}
