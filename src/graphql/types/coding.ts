import { itemByIdentifier, type AcledRow, type GdeltRow, type ItemIdentifierRow } from '../../domain/records.ts';
import { builder } from '../builder.ts';
import { Place, TimelineItem } from '../refs.ts';
import { ItemIdentifierScheme } from './enums.ts';

// What data sets say of an item in their own terms: the key each gives its record, and the
// columns of its coding that claimline's model has no other place for, named as the codebooks
// name them.

const IDENTIFIER_URLS: Partial<Record<string, (value: string) => string>> = {
  CLAIMREVIEW: (value) => value,
};

export const ItemIdentifier = builder.objectRef<Pick<ItemIdentifierRow, 'scheme' | 'value'>>('ItemIdentifier').implement({
  description: 'The key a data set gives its record of this item (GDELT GLOBALEVENTID 881992568): it names this item and no other.',
  fields: (t) => ({
    scheme: t.field({ type: ItemIdentifierScheme, description: 'The data set.', resolve: (i) => i.scheme as never }),
    value: t.exposeString('value', { description: 'The key, exactly as the data set writes it.' }),
    url: t.field({ type: 'URL', nullable: true, description: 'Where the record is on the web, when the key is an address.', resolve: (i) => IDENTIFIER_URLS[i.scheme]?.(i.value) ?? null }),
  }),
});

export const ItemIdentifierInput = builder.inputType('ItemIdentifierInput', {
  description: 'A data set’s key of a record, e.g. GDELT 881992568.',
  fields: (t) => ({
    scheme: t.field({ type: ItemIdentifierScheme, required: true, description: 'The data set.' }),
    value: t.string({ required: true, description: 'The key, as the data set writes it.' }),
  }),
});

export const GdeltCoding = builder.objectRef<GdeltRow>('GdeltCoding').implement({
  description: 'The item as a GDELT 2.0 event record codes it, in the GDELT Event Codebook V2.0’s terms (its actors are the item’s participants, or its claimant and accused; ActionGeo is among its places).',
  fields: (t) => ({
    eventCode: t.exposeString('eventCode', { description: 'EventCode: the CAMEO action code, e.g. "1122" (accuse of human rights abuses).' }),
    eventBaseCode: t.string({ description: 'EventBaseCode: the code’s first three digits.', resolve: (g) => g.eventCode.slice(0, 3) }),
    eventRootCode: t.string({ description: 'EventRootCode: the code’s first two digits.', resolve: (g) => g.eventCode.slice(0, 2) }),
    isRootEvent: t.boolean({ nullable: true, description: 'IsRootEvent: whether the event was found in the opening paragraphs of its document.', resolve: (g) => (g.isRootEvent === null ? null : g.isRootEvent === 1) }),
    quadClass: t.exposeInt('quadClass', { nullable: true, description: 'QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.' }),
    goldsteinScale: t.exposeFloat('goldsteinScale', { nullable: true, description: 'GoldsteinScale: the theoretical impact of the event code, −10 (conflict) to +10 (cooperation).' }),
    numMentions: t.exposeInt('numMentions', { nullable: true, description: 'NumMentions: mentions of the event across all source documents in the 15 minutes it was first seen.' }),
    numSources: t.exposeInt('numSources', { nullable: true, description: 'NumSources: information sources containing a mention.' }),
    numArticles: t.exposeInt('numArticles', { nullable: true, description: 'NumArticles: source documents containing a mention.' }),
    avgTone: t.exposeFloat('avgTone', { nullable: true, description: 'AvgTone: the average tone of the documents mentioning the event, −100 to +100.' }),
    actor1Geo: t.field({ type: Place, nullable: true, description: 'Actor1Geo: where the data places actor 1 (the agent, accuser or speaker).', resolve: (g) => g.actor1GeoId }),
    actor2Geo: t.field({ type: Place, nullable: true, description: 'Actor2Geo: where the data places actor 2 (the target or accused).', resolve: (g) => g.actor2GeoId }),
    dateAdded: t.exposeString('dateAdded', { nullable: true, description: 'DATEADDED: when GDELT added the record, YYYYMMDDHHMMSS in UTC.' }),
  }),
});

export const AcledCoding = builder.objectRef<AcledRow>('AcledCoding').implement({
  description: 'The item as an ACLED record codes it, in the ACLED codebook’s column names (its actors are the item’s participants, its admin1…location its places, fatalities a quantity, notes its summary).',
  fields: (t) => ({
    eventType: t.exposeString('eventType', { description: 'event_type, e.g. "Battles".' }),
    subEventType: t.exposeString('subEventType', { nullable: true, description: 'sub_event_type, e.g. "Armed clash".' }),
    disorderType: t.exposeString('disorderType', { nullable: true, description: 'disorder_type, e.g. "Political violence".' }),
    inter1: t.exposeString('inter1', { nullable: true, description: 'inter1: the type of actor 1 (a code 1–8, or its name in newer exports).' }),
    inter2: t.exposeString('inter2', { nullable: true, description: 'inter2: the type of actor 2.' }),
    interaction: t.exposeString('interaction', { nullable: true, description: 'interaction: the two actor types together, e.g. "13".' }),
    civilianTargeting: t.exposeString('civilianTargeting', { nullable: true, description: 'civilian_targeting: "Civilian targeting" when civilians were the primary target.' }),
    iso: t.exposeInt('iso', { nullable: true, description: 'iso: the numeric ISO 3166-1 code of the country.' }),
    region: t.exposeString('region', { nullable: true, description: 'region, e.g. "Middle East".' }),
    geoPrecision: t.exposeInt('geoPrecision', { nullable: true, description: 'geo_precision: 1 the location itself, 2 near it or in its district, 3 only the province is known.' }),
    timePrecision: t.exposeInt('timePrecision', { nullable: true, description: 'time_precision: 1 the day is known, 2 the week or weekend, 3 only the month (the item’s date spans what it allows).' }),
    sourceScale: t.exposeString('sourceScale', { nullable: true, description: 'source_scale, e.g. "National-International".' }),
    tags: t.exposeString('tags', { nullable: true, description: 'tags, as ACLED writes them (semicolon-separated).' }),
    timestamp: t.exposeInt('timestamp', { nullable: true, description: 'timestamp: when ACLED last changed the record, in Unix seconds.' }),
  }),
});

builder.queryField('itemByIdentifier', (t) =>
  t.field({
    type: TimelineItem,
    nullable: true,
    description: 'The item a data set’s key names (GDELT 881992568, an ACLED event_id_cnty, a PLOVER id, a ClaimReview URL), or null. For many at once: `timeline(filter: {identifiers: […]})`.',
    args: {
      scheme: t.arg({ type: ItemIdentifierScheme, required: true, description: 'The data set.' }),
      value: t.arg.string({ required: true, description: 'The key, as the data set writes it.' }),
    },
    resolve: (_, args, ctx) => itemByIdentifier(ctx.db, args.scheme, args.value),
  }),
);
