import { encodeGlobalID } from '@pothos/plugin-relay';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import * as editing from '../../domain/editing.ts';
import type { Effects } from '../../domain/editing.ts';
import { authorize } from '../../domain/keys.ts';
import type { Ref } from '../../domain/validation.ts';
import { writeBundle, type LoadReport } from '../../ingest/bundle.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { Accusation, Actor, ActorRelation, Event, Link, Place, Quote, Rebuttal, Source, Statement, TimelineItem } from '../refs.ts';
import {
  ActorKind,
  ActorRelationKind,
  EventKind,
  EventStatus,
  IdentifierScheme,
  LinkKind,
  ParticipantRole,
  PlaceKind,
  QuoteKind,
  RebuttalStance,
  StatementKind,
} from './enums.ts';
import { MUTATION_ERRORS } from './errors.ts';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type Fields = PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>;

// Inputs mirror the zod schemas of src/domain/editing.ts, which validate every value; the
// GraphQL types only say what is required. IDs are global IDs, checked for type and existence.

const CitationInput = builder.inputType('CitationInput', {
  description: 'A source that supports a record, optionally a quote of it (the quote’s source is implied).',
  fields: (t) => ({
    source: t.id({ required: false, description: 'The Source.' }),
    quote: t.id({ required: false, description: 'A Quote of the source (quoteCreate makes one).' }),
  }),
});
const citationsField = (t: Fields) => t.field({ type: [CitationInput], required: true, description: 'At least one source: nothing enters the record without one.' });

const CoordinatesInput = builder.inputType('CoordinatesInput', {
  description: 'WGS 84 coordinates.',
  fields: (t) => ({ latitude: t.float({ required: true, description: 'Decimal degrees, -90 to 90.' }), longitude: t.float({ required: true, description: 'Decimal degrees, -180 to 180.' }) }),
});
const IdentifierInput = builder.inputType('ExternalIdentifierInput', {
  description: 'An identifier of the actor in an outside system.',
  fields: (t) => ({ scheme: t.field({ type: IdentifierScheme, required: true, description: 'The system.' }), value: t.string({ required: true, description: 'The identifier, e.g. "Q159".' }) }),
});
const ParticipantInput = builder.inputType('ParticipantInput', {
  description: 'An actor taking part in an event, in a role.',
  fields: (t) => ({ actor: t.id({ required: true, description: 'The Actor.' }), role: t.field({ type: ParticipantRole, required: true, description: 'The role.' }) }),
});
const QuantityInput = builder.inputType('QuantityInput', {
  description: 'A count or measure the sources give, e.g. 7 air strikes.',
  fields: (t) => ({
    measure: t.string({ required: true, description: 'What is counted, e.g. "air strikes".' }),
    value: t.float({ required: true, description: 'The number.' }),
    unit: t.string({ required: false, description: 'The unit, if any.' }),
  }),
});

const sourceFields = (t: Fields) => ({
  title: t.string({ required: false, description: 'The title, when the source has one.' }),
  publisher: t.string({ required: false, description: 'The publisher, only when the source names it.' }),
  url: t.string({ required: false, description: 'Where it is published (unique).' }),
  published: t.string({ required: true, description: 'The publication date, EDTF.' }),
  language: t.string({ required: false, description: 'A BCP 47 tag such as "en".' }),
  // A whole article may be long: the request's body limit bounds it.
  text: t.string({ required: false, description: 'The full text, exactly as published: quotes index into it.', extensions: { maxLength: Number.MAX_SAFE_INTEGER } }),
});
const actorFields = (t: Fields, required: boolean) => ({
  name: t.string({ required, description: 'The name claimline uses.' }),
  kind: t.field({ type: ActorKind, required, description: 'What kind of actor.' }),
  country: t.string({ required: false, description: 'ISO 3166-1 alpha-2 code.' }),
  description: t.string({ required: false, description: 'A short description in claimline’s words.' }),
  aliases: t.stringList({ required: false, description: 'Other names the sources use (replaces the list on update).' }),
  identifiers: t.field({ type: [IdentifierInput], required: false, description: 'Identifiers in outside systems (replaces the list on update).' }),
});
const eventFields = (t: Fields, required: boolean) => ({
  title: t.string({ required, description: 'A short title.' }),
  summary: t.string({ required, description: 'What happened, in claimline’s words.' }),
  kind: t.field({ type: EventKind, required, description: 'The PLOVER event type.' }),
  mode: t.string({ required: false, description: 'The PLOVER mode, e.g. "heavy-weapons".' }),
  contexts: t.stringList({ required: false, description: 'PLOVER contexts.' }),
  status: t.field({ type: EventStatus, required, description: 'Reported, alleged, disputed or confirmed.' }),
  date: t.string({ required, description: 'When, EDTF, exactly as vague as the sources (e.g. "2017-09", "2017-10-10").' }),
  cameoCode: t.string({ required: false, description: 'The CAMEO code, when known.' }),
  participants: t.field({ type: [ParticipantInput], required: false, description: 'Actors and their roles (replaces the list on update).' }),
  places: t.idList({ required: false, description: 'Places (replaces the list on update).' }),
  quantities: t.field({ type: [QuantityInput], required: false, description: 'Counts the sources give (replaces the list on update).' }),
});
const claimFields = (t: Fields) => ({
  summary: t.string({ required: true, description: 'What was said, in claimline’s words.' }),
  date: t.string({ required: true, description: 'When it was said, EDTF.' }),
  claimant: t.id({ required: true, description: 'The Actor the claim speaks for.' }),
  spokesperson: t.id({ required: false, description: 'The Actor (usually a person) who said it.' }),
  about: t.idList({ required: false, description: 'Events the claim is about (IS_ABOUT links).' }),
  citations: citationsField(t),
});

const inputs = {
  sourceCreate: builder.inputType('SourceCreateInput', { description: 'A new source.', fields: (t) => sourceFields(t) }),
  quoteCreate: builder.inputType('QuoteCreateInput', {
    description: 'A span of a source’s text, by offsets (start, end; end-exclusive) or by exact text (with prefix or suffix when it occurs more than once). The server stores both selectors.',
    fields: (t) => ({
      source: t.id({ required: true, description: 'The Source (it must hold its text).' }),
      kind: t.field({ type: QuoteKind, required: true, description: 'DIRECT, PARAPHRASE or NARRATION.' }),
      speaker: t.id({ required: false, description: 'The Actor whose words these are; omitted only for NARRATION.' }),
      exact: t.string({ required: false, description: 'The exact text.' }),
      prefix: t.string({ required: false, description: 'Text just before it, to choose among repeats.' }),
      suffix: t.string({ required: false, description: 'Text just after it, to choose among repeats.' }),
      start: t.int({ required: false, description: 'Offset of the first character (UTF-16 code units).' }),
      end: t.int({ required: false, description: 'Offset after the last character.' }),
    }),
  }),
  actorCreate: builder.inputType('ActorCreateInput', { description: 'A new actor.', fields: (t) => actorFields(t, true) }),
  actorUpdate: builder.inputType('ActorUpdateInput', {
    description: 'Changes to an actor: omitted fields stay as they are; null clears an optional one.',
    fields: (t) => ({
      id: t.id({ required: true, description: 'The Actor.' }),
      changes: t.field({ type: builder.inputType('ActorChanges', { description: 'The fields to change.', fields: (c) => actorFields(c, false) }), required: true, description: 'The fields to change.' }),
    }),
  }),
  actorMerge: builder.inputType('ActorMergeInput', {
    description: 'Two records of one actor: every reference to the duplicate moves to the actor, the duplicate’s names become aliases, and the duplicate is retracted.',
    fields: (t) => ({ actor: t.id({ required: true, description: 'The Actor that stays.' }), duplicate: t.id({ required: true, description: 'The Actor merged into it.' }) }),
  }),
  actorRelationCreate: builder.inputType('ActorRelationCreateInput', {
    description: 'A relation between two actors, with its sources.',
    fields: (t) => ({
      subject: t.id({ required: true, description: 'The Actor the relation goes from.' }),
      kind: t.field({ type: ActorRelationKind, required: true, description: 'How the subject relates to the object.' }),
      object: t.id({ required: true, description: 'The Actor it goes to.' }),
      valid: t.string({ required: false, description: 'When it held, EDTF (e.g. "2015/..").' }),
      citations: citationsField(t),
    }),
  }),
  placeCreate: builder.inputType('PlaceCreateInput', {
    description: 'A new place.',
    fields: (t) => ({
      name: t.string({ required: true, description: 'The name.' }),
      kind: t.field({ type: PlaceKind, required: true, description: 'What kind of place.' }),
      country: t.string({ required: false, description: 'ISO 3166-1 alpha-2 code.' }),
      coordinates: t.field({ type: CoordinatesInput, required: false, description: 'Only when known.' }),
      geonamesId: t.int({ required: false, description: 'The GeoNames id (unique).' }),
      parent: t.id({ required: false, description: 'The Place it lies in.' }),
      aliases: t.stringList({ required: false, description: 'Other names.' }),
    }),
  }),
  eventCreate: builder.inputType('EventCreateInput', { description: 'A new event, with at least one source.', fields: (t) => ({ ...eventFields(t, true), citations: citationsField(t) }) }),
  eventUpdate: builder.inputType('EventUpdateInput', {
    description: 'Changes to an event: omitted fields stay as they are.',
    fields: (t) => ({
      id: t.id({ required: true, description: 'The Event.' }),
      changes: t.field({ type: builder.inputType('EventChanges', { description: 'The fields to change.', fields: (c) => eventFields(c, false) }), required: true, description: 'The fields to change.' }),
    }),
  }),
  accusationCreate: builder.inputType('AccusationCreateInput', {
    description: 'A new accusation: an accuser charges one or more accused.',
    fields: (t) => ({ ...claimFields(t), accused: t.idList({ required: true, description: 'The accused Actors (at least one).' }) }),
  }),
  rebuttalCreate: builder.inputType('RebuttalCreateInput', {
    description: 'A new rebuttal of one or more earlier claims.',
    fields: (t) => ({
      ...claimFields(t),
      stance: t.field({ type: RebuttalStance, required: true, description: 'Denies, disputes or corrects.' }),
      rebuts: t.idList({ required: true, description: 'The claims it rebuts (REBUTS links); it cannot be dated before them when both dates are exact.' }),
      evidence: t.idList({ required: false, description: 'Timeline items it cites as evidence.' }),
    }),
  }),
  statementCreate: builder.inputType('StatementCreateInput', {
    description: 'A new statement: an assertion, appeal or question.',
    fields: (t) => ({ ...claimFields(t), statementKind: t.field({ type: StatementKind, required: true, description: 'Assertion, appeal or question.' }) }),
  }),
  claimUpdate: builder.inputType('ClaimUpdateInput', {
    description: 'Changes to a claim: omitted fields stay as they are.',
    fields: (t) => ({
      id: t.id({ required: true, description: 'The Accusation, Rebuttal or Statement.' }),
      changes: t.field({
        type: builder.inputType('ClaimChanges', {
          description: 'The fields to change.',
          fields: (c) => ({
            summary: c.string({ required: false, description: 'What was said.' }),
            date: c.string({ required: false, description: 'When, EDTF.' }),
            claimant: c.id({ required: false, description: 'The Actor it speaks for.' }),
            spokesperson: c.id({ required: false, description: 'Who said it; null clears it.' }),
            accused: c.idList({ required: false, description: 'Accusations only: the accused (replaces the list).' }),
            stance: c.field({ type: RebuttalStance, required: false, description: 'Rebuttals only.' }),
            statementKind: c.field({ type: StatementKind, required: false, description: 'Statements only.' }),
          }),
        }),
        required: true,
        description: 'The fields to change.',
      }),
    }),
  }),
  linkCreate: builder.inputType('LinkCreateInput', {
    description: 'A typed, directed link between two timeline items.',
    fields: (t) => ({
      from: t.id({ required: true, description: 'The item the link starts from.' }),
      kind: t.field({ type: LinkKind, required: true, description: 'What the link means.' }),
      to: t.id({ required: true, description: 'The item it points to.' }),
    }),
  }),
  linkDelete: builder.inputType('LinkDeleteInput', {
    description: 'Takes a link out of the record (retracts it: history and as-of reads keep it).',
    fields: (t) => ({ link: t.id({ required: true, description: 'The Link.' }), reason: t.string({ required: true, description: 'Why.' }) }),
  }),
  citationAdd: builder.inputType('CitationAddInput', {
    description: 'Another source (or quote) for a timeline item.',
    fields: (t) => ({ item: t.id({ required: true, description: 'The timeline item.' }), citation: t.field({ type: CitationInput, required: true, description: 'The source or quote.' }) }),
  }),
  retract: builder.inputType('RetractInput', {
    description: 'Takes any record out of default reads, with a reason. Nothing is deleted: it stays readable by ID, in history and in as-of reads.',
    fields: (t) => ({ id: t.id({ required: true, description: 'The record.' }), reason: t.string({ required: true, description: 'Why, in the editor’s words.' }) }),
  }),
  bundleImport: builder.inputType('BundleImportInput', {
    description: 'A whole bundle in the seed format (seeds/README.md), loaded in one transaction.',
    fields: (t) => ({ bundle: t.field({ type: 'JSONObject', required: true, description: 'The bundle, with source texts inline (`text`, not `textFile`).' }) }),
  }),
};

/** Runs a mutation for an authorized key, as one recorded transaction through the app's editor. */
async function run<T>(ctx: Context, operation: string, body: (tx: Db, effects: Effects) => T): Promise<T> {
  const keyName = authorize(ctx.db, ctx.authorization, 'write');
  return ctx.editor.write({ operation, keyName }, body);
}

type Edit = (tx: Db, input: unknown, effects: Effects) => Ref;

/** The payload union of a mutation: its success type, or a typed error (nothing written). */
const errorsOf = (name: string, dataField: string, dataDescription: string) => ({
  types: MUTATION_ERRORS,
  dataField: { name: dataField, description: dataDescription },
  result: { description: `${name} succeeded: the change is committed and in history.` },
  union: { description: `The result of ${name}: success, or a ValidationError, NotFoundError, ConflictError or UnauthorizedError (nothing written).` },
});

function mutation(name: keyof typeof inputs, description: string, dataField: string, type: unknown, edit: Edit) {
  builder.mutationField(name, (t) =>
    t.field({
      type: type as typeof Actor,
      description,
      errors: errorsOf(name, dataField, 'The record as it stands after the change.'),
      args: { input: t.arg({ type: inputs[name] as never, required: true, description: 'What to write.' }) },
      resolve: async (_, args, ctx) => (await run(ctx, name, (tx, effects) => edit(tx, args.input, effects))).id as never,
    }),
  );
}

mutation('sourceCreate', 'Records a source, with its full text when held.', 'source', Source, editing.sourceCreate);
mutation('quoteCreate', 'Anchors a quote in a source’s text; refuses text that does not match, and ambiguous exact text.', 'quote', Quote, editing.quoteCreate);
mutation('actorCreate', 'Records an actor.', 'actor', Actor, editing.actorCreate);
mutation('actorUpdate', 'Changes an actor.', 'actor', Actor, editing.actorUpdate);
mutation('actorMerge', 'Merges a duplicate actor into another.', 'actor', Actor, editing.actorMerge);
mutation('actorRelationCreate', 'Records a relation between two actors, with its sources.', 'relation', ActorRelation, editing.actorRelationCreate);
mutation('placeCreate', 'Records a place.', 'place', Place, editing.placeCreate);
mutation('eventCreate', 'Records an event, with its sources.', 'event', Event, editing.eventCreate);
mutation('eventUpdate', 'Changes an event.', 'event', Event, editing.eventUpdate);
mutation('accusationCreate', 'Records an accusation, with its sources.', 'accusation', Accusation, editing.accusationCreate);
mutation('rebuttalCreate', 'Records a rebuttal of earlier claims, with its sources.', 'rebuttal', Rebuttal, editing.rebuttalCreate);
mutation('statementCreate', 'Records a statement, with its sources.', 'statement', Statement, editing.statementCreate);
mutation('claimUpdate', 'Changes a claim (accusation, rebuttal or statement).', 'claim', TimelineItem, editing.claimUpdate);
mutation('linkCreate', 'Links two timeline items.', 'link', Link, editing.linkCreate);
mutation('linkDelete', 'Takes a link out of the record (a retraction: history keeps it).', 'link', Link, editing.linkDelete);
mutation('citationAdd', 'Adds a source (or quote) to a timeline item.', 'item', TimelineItem, editing.citationAdd);

const RetractedRecord = builder.objectRef<Ref>('RetractedRecord').implement({
  description: 'The record a retraction took out of default reads.',
  fields: (t) => ({
    record: t.node({ description: 'The record, with its `retraction` set.', id: (ref) => encodeGlobalID(ref.typename, ref.id) }),
  }),
});
builder.mutationField('retract', (t) =>
  t.field({
    type: RetractedRecord,
    description: 'Retracts any record (actor, relation, place, source, quote, event, claim, link) with a reason; nothing is deleted.',
    errors: errorsOf('retract', 'retracted', 'The retracted record.'),
    args: { input: t.arg({ type: inputs.retract, required: true, description: 'What to retract, and why.' }) },
    resolve: (_, args, ctx) => run(ctx, 'retract', (tx, effects) => editing.retract(tx, args.input, effects)),
  }),
);

const RecordCounts = builder.objectRef<LoadReport['created']>('BundleRecordCounts').implement({
  description: 'Records of a bundle, by kind.',
  fields: (t) => ({
    sources: t.int({ description: 'Sources.', resolve: (c) => c.source }),
    actors: t.int({ description: 'Actors.', resolve: (c) => c.actor }),
    relations: t.int({ description: 'Actor relations.', resolve: (c) => c.relation }),
    places: t.int({ description: 'Places.', resolve: (c) => c.place }),
    events: t.int({ description: 'Events.', resolve: (c) => c.event }),
    claims: t.int({ description: 'Claims.', resolve: (c) => c.claim }),
    quotes: t.int({ description: 'Quotes.', resolve: (c) => c.quote }),
    links: t.int({ description: 'Links.', resolve: (c) => c.link }),
  }),
});
const BundleReport = builder.objectRef<LoadReport>('BundleReport').implement({
  description: 'What a bundle import wrote. A bundle is all or nothing: when anything in it is refused, the payload is a ValidationError naming every refused field, and nothing is written.',
  fields: (t) => ({
    namespace: t.exposeString('namespace', { description: 'The bundle’s namespace: its keys are unique within it.' }),
    created: t.field({ type: RecordCounts, description: 'Records written by this import.', resolve: (r) => r.created }),
    matched: t.field({ type: RecordCounts, description: 'Records found already recorded (same keys, URL, GeoNames id or actor identifier) and left as they were.', resolve: (r) => r.matched }),
  }),
});
builder.mutationField('bundleImport', (t) =>
  t.field({
    type: BundleReport,
    description: 'Imports a whole bundle in the seed format in one transaction; importing it again matches everything and creates nothing.',
    errors: errorsOf('bundleImport', 'report', 'What was created and matched.'),
    args: { input: t.arg({ type: inputs.bundleImport, required: true, description: 'The bundle.' }) },
    resolve: (_, args, ctx) =>
      run(ctx, 'bundleImport', (tx, effects) => {
        const before = tx.get<{ id: number }>(sql`SELECT coalesce(max(id), 0) AS id FROM items`)!;
        const report = writeBundle(tx, args.input.bundle);
        const added = tx.all<{ id: number }>(sql`SELECT id FROM items WHERE id > ${before.id}`);
        for (const { id } of added) effects.added.add(id);
        return report;
      }),
  }),
);
