import {
  ACTOR_KINDS,
  ACTOR_RELATION_KINDS,
  ACTOR_ROLES,
  DATE_MATCHES,
  DATE_PRECISIONS,
  EVENT_KINDS,
  EVENT_STATUSES,
  ACTOR_CODE_SCHEMES,
  IDENTIFIER_SCHEMES,
  ITEM_IDENTIFIER_SCHEMES,
  ITEM_TYPES,
  LINK_KINDS,
  PARTICIPANT_ROLES,
  PLACE_KINDS,
  QUOTE_KINDS,
  REBUTTAL_STANCES,
  RESOLUTIONS,
  SORT_DIRECTIONS,
  STATEMENT_KINDS,
} from '../../db/vocabulary.ts';
import { builder } from '../builder.ts';

/** Declares a GraphQL enum from a vocabulary list, with a description for every value. */
export function vocabularyEnum<const T extends readonly string[]>(name: string, description: string, values: T, describe: { [K in T[number]]: string }) {
  const ref = builder.enumType(name, {
    description,
    values: Object.fromEntries(values.map((v) => [v, { value: v, description: describe[v as T[number]] }])) as {
      [K in T[number]]: { value: K; description: string };
    },
  });
  BY_VALUES.set(valuesKey(values), ref);
  return ref;
}

// The enum of each vocabulary list, for input types derived from the domain's schemas (src/graphql/inputs.ts).
const BY_VALUES = new Map<string, unknown>();
const valuesKey = (values: readonly string[]) => [...values].sort().join(',');

/** The GraphQL enum declared for exactly these values. */
export function enumOf(values: readonly string[], at: string): unknown {
  const found = BY_VALUES.get(valuesKey(values));
  if (!found) throw new Error(`${at}: no GraphQL enum declared for ${values.join(', ')}`);
  return found;
}

export const ActorKind = vocabularyEnum('ActorKind', 'What kind of actor this is.', ACTOR_KINDS, {
  STATE: 'A sovereign state, e.g. Russia, or its capital used for it ("Moscow").',
  GOVERNMENT_BODY: 'A ministry, department or government as a body, e.g. the Pentagon.',
  MILITARY: 'An armed force or service, e.g. the Syrian army or the Russian air force.',
  ARMED_GROUP: 'A non-state armed group, e.g. Islamic State.',
  COALITION: 'An alliance of several actors, e.g. the US-led coalition.',
  PERSON: 'An individual, e.g. a spokesperson.',
  MEDIA: 'A news organisation or outlet.',
  ORGANIZATION: 'Any other organisation.',
  UNKNOWN: 'The source does not say what kind of actor this is (common in machine-coded data such as GDELT).',
});

export const ActorRelationKind = vocabularyEnum('ActorRelationKind', 'How the subject actor relates to the object actor.', ACTOR_RELATION_KINDS, {
  SPOKESPERSON_FOR: 'The subject speaks for the object (a spokesman for a ministry).',
  PART_OF: 'The subject is a component of the object (a ministry of a state).',
  MEMBER_OF: 'The subject is a member of the object (a state of a coalition).',
  LEADS: 'The subject leads the object (a state leads a coalition; a president leads a government).',
  BACKS: 'The subject supports the object (militarily or politically).',
  OPPOSES: 'The subject fights or opposes the object.',
});

export const IdentifierScheme = vocabularyEnum('IdentifierScheme', 'An outside registry whose identifiers name one actor each.', IDENTIFIER_SCHEMES, {
  WIKIDATA: 'A Wikidata item ID (QID), e.g. Q159.',
  URL: 'A web address that is the actor’s own, e.g. a fact-checker’s home page as a ClaimReview names its author.',
});

export const ActorCodeScheme = vocabularyEnum('ActorCodeScheme', 'An event data code book whose actor codes classify actors (country, role, sector): many actors share a code.', ACTOR_CODE_SCHEMES, {
  CAMEO: 'A whole CAMEO actor code as GDELT gives it (Actor1Code), e.g. USA, RUSMIL, USAGOV: a country, then roles and sectors (codebook: CAMEO 1.1b3, chapter 2).',
  CAMEO_COUNTRY: 'The country part of a CAMEO code, as GDELT gives it apart (Actor1CountryCode), e.g. USA.',
  CAMEO_TYPE: 'A role or sector part of a CAMEO code (Actor1Type1Code … Type3Code), e.g. GOV, MIL, ELI (elites), EDU (education).',
  CAMEO_KNOWN_GROUP: 'A known group a CAMEO code names (Actor1KnownGroupCode), e.g. UNO, NATO.',
  CAMEO_ETHNIC: 'An ethnic code (Actor1EthnicCode).',
  CAMEO_RELIGION: 'A religion code (Actor1Religion1Code, Religion2Code), e.g. CHR, MOS.',
  PLOVER: 'A PLOVER / POLECAT actor code, e.g. HUN.',
  PLOVER_SECTOR: 'A PLOVER / POLECAT actor sector, e.g. GOV, MIL, REB.',
});

export const PlaceKind = vocabularyEnum('PlaceKind', 'What kind of place this is.', PLACE_KINDS, {
  COUNTRY: 'A country.',
  REGION: 'A region that is not an administrative division, e.g. "east of the Euphrates".',
  PROVINCE: 'A first-level administrative division (province, governorate, state).',
  DISTRICT: 'A lower administrative division.',
  CITY: 'A city, town or village.',
  SITE: 'A specific site: a base, a building, a crossing.',
  BODY_OF_WATER: 'A river, lake or sea.',
  OTHER: 'Any other place.',
});

export const EventKind = vocabularyEnum('EventKind', 'The PLOVER event type (Open Event Data Alliance), the successor of CAMEO’s root codes.', EVENT_KINDS, {
  AGREE: 'Agree to, or express intent to, cooperate.',
  CONSULT: 'Meet, visit, negotiate, or mediate.',
  SUPPORT: 'Express verbal support, praise, or endorsement.',
  CONCEDE: 'Yield, apologise, or accede to demands.',
  COOPERATE: 'Cooperate materially, diplomatically or militarily.',
  AID: 'Give material, military or humanitarian aid.',
  RETREAT: 'Withdraw, de-escalate, ease or reduce an action.',
  REQUEST: 'Ask, appeal or demand.',
  ACCUSE: 'Accuse, criticise or denounce (as an event type; claims are recorded as Accusation).',
  REJECT: 'Refuse, reject, or deny.',
  THREATEN: 'Threaten.',
  PROTEST: 'Demonstrate, protest or obstruct.',
  SANCTION: 'Impose sanctions, break or reduce relations.',
  MOBILIZE: 'Mobilise or move forces; deploy troops or fighters.',
  COERCE: 'Coerce: seize, restrict, arrest, hinder.',
  ASSAULT: 'Use violence: attacks, strikes, offensives, bombardment.',
  OTHER: 'Fits none of the PLOVER types.',
});

export const EventStatus = vocabularyEnum('EventStatus', 'How well established an event is in the record.', EVENT_STATUSES, {
  REPORTED: 'A source reports it as having happened.',
  ALLEGED: 'Only an accusation or claim says it happened.',
  DISPUTED: 'One party asserts it and another denies it.',
  CONFIRMED: 'Confirmed by independent sources.',
});

export const ParticipantRole = vocabularyEnum('ParticipantRole', 'The part an actor plays in an event.', PARTICIPANT_ROLES, {
  AGENT: 'Carries out the event (PLOVER source actor).',
  TARGET: 'Is acted upon or receives the action (PLOVER target actor).',
  SUPPORTER: 'Backs the agent.',
  AFFECTED: 'Is affected without being the target.',
  SIDE_1: 'One side of the event, with no direction stated (ACLED actor1: “Actor 1 and Actor 2 do not imply directionality”).',
  SIDE_2: 'The other side of the event, with no direction stated (ACLED actor2).',
  ASSOCIATE_1: 'Named with side 1 (ACLED assoc_actor_1: “associated with or identifying with” actor1), without saying it backed it.',
  ASSOCIATE_2: 'Named with side 2 (ACLED assoc_actor_2).',
});

export const ActorRole = vocabularyEnum('ActorRole', 'A role in which an actor can be involved in a timeline item, for filters.', ACTOR_ROLES, {
  ACCUSER: 'The body an accusation speaks for (the claimant of an accusation).',
  REBUTTER: 'The body a rebuttal speaks for (the claimant of a rebuttal).',
  CLAIMANT: 'The body any claim speaks for.',
  SPOKESPERSON: 'The person who said a claim.',
  ACCUSED: 'Accused by an accusation.',
  AGENT: 'Carries out an event.',
  TARGET: 'Is the target of an event.',
  SUPPORTER: 'Backs the agent of an event.',
  AFFECTED: 'Is affected by an event.',
  SIDE_1: 'Side 1 of an event, with no direction stated.',
  SIDE_2: 'Side 2 of an event, with no direction stated.',
  ASSOCIATE_1: 'Named with side 1 of an event.',
  ASSOCIATE_2: 'Named with side 2 of an event.',
});

export const ItemIdentifierScheme = vocabularyEnum('ItemIdentifierScheme', 'A data set whose keys name one of its records each.', ITEM_IDENTIFIER_SCHEMES, {
  GDELT: 'A GDELT 2.0 GLOBALEVENTID, e.g. 881992568.',
  ACLED: 'An ACLED event_id_cnty, e.g. SYR12345.',
  PLOVER: 'A PLOVER record id, e.g. PLOVER-GSR01-AGREE-0001.',
  CLAIMREVIEW: 'The URL of a ClaimReview (the fact-check) that recorded the claim.',
});

export const TimelineItemType = vocabularyEnum('TimelineItemType', 'The concrete type of a timeline item.', ITEM_TYPES, {
  EVENT: 'Something that happened in the world.',
  ACCUSATION: 'A claim charging actors with conduct.',
  REBUTTAL: 'A claim that denies, disputes or corrects earlier claims.',
  STATEMENT: 'Any other claim: an assertion, an appeal, a question.',
});

export const RebuttalStance = vocabularyEnum('RebuttalStance', 'How a rebuttal answers the claims it rebuts.', REBUTTAL_STANCES, {
  DENIES: 'Says the claim is false.',
  DISPUTES: 'Questions the claim without flatly denying it.',
  CORRECTS: 'Says the claim is partly wrong and gives another account.',
});

export const StatementKind = vocabularyEnum('StatementKind', 'What kind of speech act a statement is.', STATEMENT_KINDS, {
  ASSERTION: 'Asserts something to be so.',
  APPEAL: 'Urges or calls on others to act.',
  QUESTION: 'Asks a question, rhetorical or not.',
});

export const LinkKind = vocabularyEnum('LinkKind', 'The kind of a directed edge between two timeline items (from → to).', LINK_KINDS, {
  REBUTS: 'A rebuttal rebuts a claim.',
  RESPONDS_TO: 'An item responds to an earlier claim without rebutting it.',
  CITES_AS_EVIDENCE: 'A claim cites an item as evidence.',
  IS_ABOUT: 'A claim is about an event.',
  PART_OF: 'An item is part of a larger one.',
  CAUSED_BY: 'An item was caused by another.',
  PRECEDES: 'An item comes before another in a sequence.',
});

export const QuoteKind = vocabularyEnum('QuoteKind', 'Whose words a quoted span of a source is.', QUOTE_KINDS, {
  DIRECT: 'The speaker’s own words, inside quotation marks in the source.',
  PARAPHRASE: 'The source reporting what the speaker said, in its own words.',
  NARRATION: 'The source’s own account; there is no speaker.',
});

export const DatePrecision = vocabularyEnum('DatePrecision', 'The finest unit a fuzzy date states (for an interval, the coarser of its ends).', DATE_PRECISIONS, {
  CENTURY: 'A century.',
  DECADE: 'A decade.',
  YEAR: 'A year.',
  SEASON: 'A season or quarter.',
  MONTH: 'A month.',
  DAY: 'A day.',
  TIME: 'A time of day.',
  UNKNOWN: 'Not known at all (EDTF "/"): the data does not give it.',
});

export const DateMatch = vocabularyEnum('DateMatch', 'How a fuzzy date must relate to a date range to match it.', DATE_MATCHES, {
  OVERLAPS: 'The item could fall in the range: its earliest..latest span overlaps the range.',
  WITHIN: 'The item certainly falls in the range: its whole earliest..latest span lies inside it.',
});

export const SortDirection = vocabularyEnum('SortDirection', 'Sort direction.', SORT_DIRECTIONS, {
  ASC: 'Ascending: oldest or A first.',
  DESC: 'Descending: newest or Z first.',
});

export const Resolution = vocabularyEnum('Resolution', 'How a read treats same-as decisions (`sameAs`).', RESOLUTIONS, {
  AS_RECORDED: 'Each record as its source gives it: GDELT’s "UNITED STATES" coded USA and the one coded USAGOV are two actors.',
  RESOLVED: 'Each group of records that standing same-as decisions make one counts as one: an actor or an event is its group’s earliest record, and an item involving two records of a group involves that actor once.',
});
