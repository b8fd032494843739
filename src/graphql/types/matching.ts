import { actorMatches, CLOSE_NAMES, eventMatches, explainMatches, keptSearch, MAX_BLOCK, MAX_REQUEST_COMPARISONS, type CandidatePair, type MatchEvidence as Evidence, type MatchFeature as Feature, type ScoredPair } from '../../domain/matching.ts';
import type { SameAsKind } from '../../db/vocabulary.ts';
import type { Context } from '../context.ts';
import { itemIdsWhere } from '../../domain/timeline.ts';
import { TimelineFilter, toDomainFilter } from './timeline-item.ts';
import { InputError } from '../../domain/errors.ts';
import { builder } from '../builder.ts';
import { countedConnection, requestFor, toConnection } from '../connection.ts';
import { pageArray, type PageArgs } from '../../domain/pagination.ts';
import { Actor, Event } from '../refs.ts';
import { ActorFilter, actorFilterOf } from './actor.ts';
import { asOfArg } from './node.ts';

const MatchFeature = builder.enumType('MatchFeature', {
  description: 'What a candidate match compares.',
  values: {
    NAME: { value: 'NAME', description: `Names and aliases: the same words (in any order, case, punctuation, diacritics and plurals aside), or two names of the country both actors are of (its name, its people's, or its government's in words), alike (Jaro–Winkler similarity of at least ${CLOSE_NAMES}), or different; the closest pair counts.` },
    COUNTRY: { value: 'COUNTRY', description: 'The countries, when both are known.' },
    KIND: { value: 'KIND', description: 'Actors: their kinds, when both are known (and not both taken from their codes’ types, which are compared instead). Events: their PLOVER kinds.' },
    CODE: { value: 'CODE', description: 'Actors: CAMEO or PLOVER codes in common beyond the country’s, and their sectors. Events: their CAMEO event codes (GDELT).' },
    IDENTIFIER: { value: 'IDENTIFIER', description: 'Identifiers of one registry (Wikidata) that differ: the registry holds them as two actors.' },
    DATE: { value: 'DATE', description: 'Events: their dates, as exactly as the sources give them: the same day, overlapping ranges, or apart.' },
    PLACE: { value: 'PLACE', description: 'Events: the same place, one place within the other (a city and its country: one told less precisely), places within 50 km, or apart.' },
    PARTICIPANTS: { value: 'PARTICIPANTS', description: 'Events: their sides, either way round: the same agent and target; one side in common and the other named by one only; one in common and the other different; or none (actors as standing same-as decisions resolve them).' },
    SOURCE: { value: 'SOURCE', description: 'Events: a source both cite (GDELT codes one article into several events).' },
  } as const satisfies Record<Feature, unknown>,
});

const MatchEvidence = builder.objectRef<Evidence>('MatchEvidence').implement({
  description: 'One comparison behind a candidate match, and its weight of evidence.',
  fields: (t) => ({
    feature: t.field({ type: MatchFeature, description: 'What was compared.', resolve: (e) => e.feature }),
    comparison: t.exposeString('comparison', { description: 'What was compared and how it came out, e.g. "\\"Russia\\" and \\"RUSSIA\\": the same words".' }),
    weight: t.exposeFloat('weight', { description: 'Its weight of evidence in bits, log2(m/u): positive for one actor, negative against, 0 when it could not be compared.' }),
  }),
});

const ActorMatchRef = builder.objectRef<CandidatePair>('ActorMatch').implement({
  description:
    'Two actor records that probably name one actor: the probability, and the evidence it adds up from (a Fellegi–Sunter combination of the comparisons, each weighted by how often it comes out so for one actor and for two). A candidate decides nothing: the records stay as they are.',
  fields: (t) => ({
    score: t.exposeFloat('score', { description: 'The probability that the two records name one actor, from 0 to 1.' }),
    actors: t.field({ type: [Actor], description: 'The two actors, the earlier recorded first.', resolve: (m) => m.records }),
    evidence: t.field({ type: [MatchEvidence], description: 'The comparisons, in the order above.', resolve: (m) => m.evidence }),
  }),
});

const ActorMatchConnection = countedConnection(ActorMatchRef, 'ActorMatch', 'candidate pairs', 'most probable first');

/** The `minScore` argument of a candidate search. */
const minScoreArg = (t: { arg: { float: (options: object) => unknown } }) => t.arg.float({ defaultValue: 0.5, description: 'The least probability a pair must have, from 0 to 1.' }) as never;

/**
 * A page of candidates, most probable first: `search` runs with the checked `minScore` and gives
 * every candidate, scored but not explained (the searches score them all; the page is cut from
 * them); only the page's pairs are explained, their records read again.
 */
function candidatePage(ctx: Context, kind: SameAsKind, args: PageArgs & { minScore?: number | null; filter?: unknown; asOf?: unknown }, ordering: string, search: (minScore: number) => ScoredPair[]) {
  const minScore = args.minScore ?? 0.5;
  if (!(minScore >= 0 && minScore <= 1)) throw new InputError(['minScore'], 'must be a probability, from 0 to 1');
  const { request, ordering: tagged } = requestFor(args, ordering, 'ASC', 3);
  // Paging through candidates searches once while the record stands (a read as of an instant searches afresh).
  const matches = args.asOf ? search(minScore) : keptSearch(ctx.db, JSON.stringify([ordering, minScore, args.filter ?? null]), () => search(minScore));
  const page = pageArray(matches, request, (m) => [-m.score, m.records[0], m.records[1]]);
  return toConnection({ ...page, rows: explainMatches(ctx.db, kind, page.rows) }, tagged, () => matches.length) as never;
}

builder.queryField('actorMatches', (t) =>
  t.connection(
    {
      type: ActorMatchRef,
      description: `Pairs of actor records that probably name one actor (GDELT's "UNITED STATES" coded USA and USAGOV, the seed's "Russia" and GDELT's "RUSSIA"), most probable first. Actors are compared only within blocks, those whose names share their words' first four letters and those sharing a CAMEO or PLOVER code, never every pair (a block of more than ${MAX_BLOCK} is compared country by country).`,
      args: {
        filter: t.arg({ type: ActorFilter, required: false, description: 'Only pairs in which at least one actor is among these.' }),
        minScore: minScoreArg(t),
        asOf: asOfArg(t),
      },
      resolve: (_, args, ctx) => candidatePage(ctx, 'ACTOR', args, 'actorMatches', (minScore) => actorMatches(ctx.db, minScore, actorFilterOf(args.filter), MAX_REQUEST_COMPARISONS, false).matches),
    },
    ActorMatchConnection as never,
  ),
);

const EventMatchRef = builder.objectRef<CandidatePair>('EventMatch').implement({
  description: 'Two event records that probably tell of one event (GDELT codes one story as several events; outlets report one clash apiece): the probability and its evidence, as for actors.',
  fields: (t) => ({
    score: t.exposeFloat('score', { description: 'The probability that the two records tell of one event, from 0 to 1.' }),
    events: t.field({ type: [Event], description: 'The two events, the earlier recorded first.', resolve: (m) => m.records }),
    evidence: t.field({ type: [MatchEvidence], description: 'The comparisons: date, kind, event code, place, participants, sources.', resolve: (m) => m.evidence }),
  }),
});

const EventMatchConnection = countedConnection(EventMatchRef, 'EventMatch', 'candidate pairs', 'most probable first');

builder.queryField('eventMatches', (t) =>
  t.connection(
    {
      type: EventMatchRef,
      description: `Pairs of event records that probably tell of one event, most probable first. Events are compared only within blocks: those citing one source, and those of one day, place and PLOVER kind (events dated to within three days); a block of more than ${MAX_BLOCK} is not compared. A search that would compare more than ${MAX_REQUEST_COMPARISONS.toLocaleString('en')} pairs is refused: narrow it with a filter.`,
      args: {
        filter: t.arg({ type: TimelineFilter, required: false, description: 'Only pairs in which at least one event matches (as for `timeline`).' }),
        minScore: minScoreArg(t),
        asOf: asOfArg(t),
      },
      resolve: (_, args, ctx) =>
        candidatePage(ctx, 'EVENT', args, 'eventMatches', (minScore) => {
          const wanted = args.filter ? new Set(itemIdsWhere(ctx.db, toDomainFilter(args.filter, ['EVENT']))) : null;
          return eventMatches(ctx.db, minScore, wanted, MAX_REQUEST_COMPARISONS, false).matches;
        }),
    },
    EventMatchConnection as never,
  ),
);
