import { createRequire } from 'node:module';
import fingerprint from 'talisman/keyers/fingerprint.js';
import sStemmer from 'talisman/stemmers/s-stemmer.js';
import jaroWinkler from 'talisman/metrics/jaro-winkler.js';
import type { Db } from '../db/client.ts';
import { gdeltCountryOf } from './gdelt-places.ts';
import { prepared, useOf } from '../db/statements.ts';
import { amongIds, perEngine } from '../db/dialect.ts';
import type { ActorKind, SameAsKind } from '../db/vocabulary.ts';
import { actorIdsWhere, type ActorFilter } from './records.ts';
import { LimitExceeded } from './errors.ts';
import { canonicalRecords, Groups } from './same-as.ts';
import { lastChange } from './changes.ts';
import { write } from './write.ts';

// Who is who: pairs of actor records that probably name one actor (and, below, of event records
// that tell of one event), each with a score and the evidence behind it. Actors are compared only
// within a block (the same name key, or the same CAMEO or PLOVER code), never every pair with
// every other, so the cost grows with the record rather than with its square. A pair is scored in the manner of Fellegi and Sunter: each feature compared
// (names, country, kind, codes, identifiers) agrees, disagrees or cannot be compared, and adds
// its weight of evidence, log2(m/u), to the prior log-odds of a match; m is how often the
// outcome happens for two records of one actor, u how often for two records of different actors
// that fall in one block. The m and u below are judgements, written down so that they can be
// checked and calibrated against labelled pairs.

export type MatchFeature = 'NAME' | 'COUNTRY' | 'KIND' | 'CODE' | 'IDENTIFIER' | 'DATE' | 'PLACE' | 'PARTICIPANTS' | 'SOURCE';

export interface MatchEvidence {
  feature: MatchFeature;
  /** What was compared and how it came out, in words. */
  comparison: string;
  /** Its weight of evidence in bits: positive for one actor, negative against, 0 when it could not be compared. */
  weight: number;
}

/** Two records (actors, or events) that probably name one actor or tell of one event, scored. */
export interface ScoredPair {
  /** The two records, the lower id first. */
  records: [number, number];
  /** The probability that the two records are one, from 0 to 1. */
  score: number;
}

/** A scored pair with the evidence its score adds up from. */
export interface CandidatePair extends ScoredPair {
  evidence: MatchEvidence[];
}

/**
 * A search's results: with `explain`, each pair with its evidence; without, the pairs and their
 * scores only (a request explains just the page it returns: see explainMatches).
 */
export interface MatchSearch<P extends ScoredPair = CandidatePair> {
  /** The pairs scoring at least the minimum, best first (then by the records' ids). */
  matches: P[];
  /** Pairs compared. */
  compared: number;
  /** Blocks too large to compare (actors: even by country; a name or code most actors share). */
  skipped: number;
}

/** Scores a pair, and explains it when asked. */
const scored = <A>(compare: (a: A, b: A, explain: boolean) => { score: number; evidence: MatchEvidence[] }, records: [number, number], a: A, b: A, minScore: number, explain: boolean): ScoredPair | CandidatePair | null => {
  const { score } = compare(a, b, false);
  if (score < minScore) return null;
  return explain ? { records, score, evidence: compare(a, b, true).evidence } : { records, score };
};

const bits = (m: number, u: number) => Math.log2(m / u);

/**
 * A comparison's evidence as it adds up: each weight is summed into the log-odds, and its words
 * written only when asked (a pair that scores too low to report is never explained).
 */
class Tally {
  readonly evidence: MatchEvidence[] | null;
  constructor(
    private logOdds: number,
    explain: boolean,
  ) {
    this.evidence = explain ? [] : null;
  }

  add(feature: MatchFeature, weight: number, comparison: () => string): void {
    this.logOdds += weight;
    this.evidence?.push({ feature, comparison: comparison(), weight });
  }

  get score(): number {
    return 1 / (1 + 2 ** -this.logOdds);
  }
}

/** The weight of each outcome, from its m and u. */
export const WEIGHTS = {
  /** The same words, in any order, case, punctuation and diacritics aside. */
  nameSame: bits(0.8, 0.002),
  /** Words alike (Jaro–Winkler at least CLOSE_NAMES): a variant spelling, "SYRIA" and "SYRIAN". */
  nameClose: bits(0.12, 0.01),
  nameDifferent: bits(0.08, 0.988),
  countryAgrees: bits(0.93, 0.08),
  countryDiffers: bits(0.005, 0.72),
  /** Neither's country known: more often two generic descriptors ("POLICE", "UNIVERSITY") than one actor. */
  countriesUnknown: bits(0.05, 0.15),
  kindAgrees: bits(0.75, 0.35),
  kindDiffers: bits(0.2, 0.6),
  /** A CAMEO or PLOVER code in common ("RUSMIL"): the data sets coded both the same way, as they code every actor of that country and type. */
  codeShared: bits(0.55, 0.25),
  /** Both coded with CAMEO types or PLOVER sectors, none in common: a government and a judiciary, a military and the media. */
  typesDiffer: bits(0.01, 0.8),
  /** One coded with a sector other than government (media, police, education…), the other with none: a sector of a country is not the country. */
  sectorOfOne: bits(0.05, 0.8),
  /** One registry gives them different identifiers: two actors, as far as it knows. */
  identifierConflicts: bits(0.002, 0.4),
} as const;

/** The log-odds, before any evidence, that two actors of one block are one: about 1 in 20. */
const PRIOR = Math.log2(0.05 / 0.95);
/** The Jaro–Winkler similarity of two name keys from which names count as alike. */
export const CLOSE_NAMES = 0.94;
/** A block larger than this is split by country; a part still larger is left uncompared (and counted). */
export const MAX_BLOCK = 250;

/**
 * A name's key: its words, lower-cased, folded to ASCII, without punctuation, each once and in
 * order (talisman's fingerprint), each taken to its singular by Harman's S-stemmer, so that
 * "Israelis" and "ISRAELI", or "Palestinian prisoners" and "Palestinian prisoner", are the same words.
 */
const nameKey = (name: string) => [...new Set(fingerprint(name).split(' ').map(sStemmer))].sort().join(' ');

interface Profile {
  id: number;
  kind: ActorKind;
  country: string | null;
  /** Each name and alias with its key (nameKey). */
  names: { name: string; key: string }[];
  /** CAMEO and PLOVER codes. */
  codes: Set<string>;
  types: Set<string>;
  identifiers: Map<string, string>;
}

/** Every standing actor with what the comparison reads of it, in four statements. */
function profiles(db: Db): Map<number, Profile> {
  const byId = new Map<number, Profile>();
  const rows = prepared(db, 'SELECT id, name, kind, country FROM actors WHERE retracted_at IS NULL ORDER BY id').all() as { id: number; name: string; kind: ActorKind; country: string | null }[];
  for (const r of rows) byId.set(r.id, { id: r.id, kind: r.kind, country: r.country, names: [{ name: r.name, key: nameKey(r.name) }], codes: new Set(), types: new Set(), identifiers: new Map() });
  for (const a of prepared(db, 'SELECT actor_id AS id, alias FROM actor_aliases ORDER BY actor_id, alias').all() as { id: number; alias: string }[]) {
    byId.get(a.id)?.names.push({ name: a.alias, key: nameKey(a.alias) });
  }
  // PLOVER codes actors as CAMEO does (its country codes are CAMEO's, its sectors CAMEO's types).
  // A CAMEO code is three-letter parts: its country's, then roles (USAREL: the United States,
  // religious), which GDELT does not always repeat as a type of its own.
  const countries = new Map((prepared(db, "SELECT actor_id AS id, value FROM actor_codes WHERE scheme = 'CAMEO_COUNTRY'").all() as { id: number; value: string }[]).map((c) => [c.id, c.value]));
  for (const c of prepared(db, "SELECT actor_id AS id, scheme, value FROM actor_codes WHERE scheme IN ('CAMEO', 'PLOVER', 'CAMEO_TYPE', 'PLOVER_SECTOR')").all() as { id: number; scheme: string; value: string }[]) {
    const actor = byId.get(c.id);
    if (!actor) continue;
    if (c.scheme === 'CAMEO' || c.scheme === 'PLOVER') actor.codes.add(c.value);
    else if (c.value !== '***') actor.types.add(c.value);
    if (c.scheme !== 'CAMEO') continue;
    const country = countries.get(c.id);
    const roles = country && c.value.startsWith(country) ? c.value.slice(country.length) : '';
    for (let i = 0; i + 3 <= roles.length; i += 3) actor.types.add(roles.slice(i, i + 3));
  }
  for (const i of prepared(db, 'SELECT actor_id AS id, scheme, value FROM actor_identifiers').all() as { id: number; scheme: string; value: string }[]) {
    byId.get(i.id)?.identifiers.set(i.scheme, i.value);
  }
  return byId;
}

interface Country {
  cca2: string;
  name: { common: string; official: string };
  altSpellings: string[];
  demonyms?: { eng?: { f: string; m: string } };
}
let countryNames: Map<string, Set<string>> | undefined;
/** The words of "Republic of", which a republic's name is also known without. */
const REPUBLIC_OF = new Set(['republic', 'of', 'the']);

/**
 * Each country's names, as name keys, by its ISO 3166-1 alpha-2 code: its common and official
 * names, its other spellings, and what its people are called ("Chinese" for China). From
 * world-countries (mledoze/countries, ODbL), read at the first comparison: a start does not pay
 * for it.
 */
function namesOfCountry(code: string): Set<string> | undefined {
  if (!countryNames) {
    const countries = createRequire(import.meta.url)('world-countries') as Country[];
    countryNames = new Map(
      countries.map((c) => {
        const names = [c.name.common, c.name.official, ...c.altSpellings.filter((s) => s.length > 3), c.demonyms?.eng?.m, c.demonyms?.eng?.f];
        const keys = names.filter((n): n is string => Boolean(n)).map(nameKey);
        // A republic's name without "Republic of" is its name too ("Republic of Turkey": Turkey).
        return [c.cca2, new Set([...keys, ...keys.map((key) => key.split(' ').filter((word) => !REPUBLIC_OF.has(word)).join(' ')).filter(Boolean)])];
      }),
    );
  }
  return countryNames.get(code);
}

/** Words that name a state's government beside the state's name ("Nigerian government", "Chinese authorities"). */
const GOVERNMENT_WORDS = new Set(['government', 'authority']);

/**
 * A name key without its government words, when more than they remain: a state and its
 * government count as one, so "Nigerian government" names the country as "NIGERIAN" does (the
 * codes' sectors still tell a government from a country's military or media).
 */
const asCountry = (key: string) => {
  const words = key.split(' ').filter((word) => !GOVERNMENT_WORDS.has(word));
  return words.length ? words.join(' ') : key;
};

/** A name's block: the first four letters of each of its words, so that variant endings meet ("syri" for SYRIA and SYRIAN). */
const nameBlock = (key: string) => `name:${key.split(' ').map((word) => word.slice(0, 4)).join(' ')}`;

/** The blocks of actors to compare: by name, and by code; a large one is split by country. */
function blocks(actors: Iterable<Profile>): { blocks: number[][]; skipped: number } {
  const byKey = new Map<string, Set<number>>();
  const add = (key: string, id: number) => {
    let block = byKey.get(key);
    if (!block) byKey.set(key, (block = new Set()));
    block.add(id);
  };
  const countryOf = new Map<number, string | null>();
  for (const a of actors) {
    countryOf.set(a.id, a.country);
    // A government named in words also meets its state's names ("Chinese authorities" with CHINESE).
    for (const { key } of a.names) if (key) for (const block of new Set([nameBlock(key), nameBlock(asCountry(key))])) add(block, a.id);
    for (const code of a.codes) add(`code:${code}`, a.id);
  }
  const out: number[][] = [];
  let skipped = 0;
  for (const block of byKey.values()) {
    if (block.size < 2) continue;
    if (block.size <= MAX_BLOCK) {
      out.push([...block]);
      continue;
    }
    const parts = new Map<string | null, number[]>();
    for (const id of block) {
      const country = countryOf.get(id)!;
      let part = parts.get(country);
      if (!part) parts.set(country, (part = []));
      part.push(id);
    }
    for (const part of parts.values()) {
      if (part.length > MAX_BLOCK) skipped += 1;
      else if (part.length > 1) out.push(part);
    }
  }
  return { blocks: out, skipped };
}

const listed = (values: Iterable<string>) => [...values].sort().join(', ');

/** The evidence for and against two actors being one (when `explain`), and the score it adds up to. */
export function compareActors(a: Profile, b: Profile, explain = true): { score: number; evidence: MatchEvidence[] } {
  const tally = new Tally(PRIOR, explain);
  let best = { similarity: -1, a: a.names[0]!.name, b: b.names[0]!.name };
  for (const x of a.names) {
    for (const y of b.names) {
      const similarity = x.key === y.key ? 1 : jaroWinkler(x.key, y.key);
      if (similarity > best.similarity) best = { similarity, a: x.name, b: y.name };
    }
  }
  const names = () => `"${best.a}" and "${best.b}"`;
  // Two names of one country ("CHINESE" and "CHINA", both of CN) are one name, as a variant is.
  const country = best.similarity < 1 && a.country !== null && a.country === b.country ? namesOfCountry(a.country) : undefined;
  const namesCountry = (x: { key: string }) => country!.has(asCountry(x.key));
  const named = country && a.names.find(namesCountry) && b.names.find(namesCountry);
  if (best.similarity === 1) tally.add('NAME', WEIGHTS.nameSame, () => `${names()}: the same words${fingerprint(best.a) === fingerprint(best.b) ? '' : ', but for plurals'}`);
  else if (named) tally.add('NAME', WEIGHTS.nameSame, () => `"${a.names.find(namesCountry)!.name}" and "${b.names.find(namesCountry)!.name}": both name ${a.country}, the country, its people or its government`);
  else if (best.similarity >= CLOSE_NAMES) tally.add('NAME', WEIGHTS.nameClose, () => `${names()}: alike (Jaro–Winkler ${best.similarity.toFixed(2)})`);
  else tally.add('NAME', WEIGHTS.nameDifferent, () => `${names()}: different (Jaro–Winkler ${best.similarity.toFixed(2)})`);

  if (a.country && b.country) {
    if (a.country === b.country) tally.add('COUNTRY', WEIGHTS.countryAgrees, () => `both ${a.country}`);
    else tally.add('COUNTRY', WEIGHTS.countryDiffers, () => `${a.country} and ${b.country}`);
  } else if (!a.country && !b.country) {
    tally.add('COUNTRY', WEIGHTS.countriesUnknown, () => 'neither’s country is known');
  } else {
    tally.add('COUNTRY', 0, () => 'not compared: the country of one is not known');
  }

  // Coded actors take their kind from their CAMEO type or PLOVER sector: with both typed, the types are compared instead.
  if (a.types.size && b.types.size) tally.add('KIND', 0, () => 'not compared: both kinds come from their codes’ types');
  else if (a.kind !== 'UNKNOWN' && b.kind !== 'UNKNOWN') {
    if (a.kind === b.kind) tally.add('KIND', WEIGHTS.kindAgrees, () => `both ${a.kind}`);
    else tally.add('KIND', WEIGHTS.kindDiffers, () => `${a.kind} and ${b.kind}`);
  } else {
    tally.add('KIND', 0, () => 'not compared: the kind of one or both is not known');
  }

  // A bare country code in common ("FRA") says what the countries say: only a longer one counts (RUSMIL, IGOUNO).
  const shared = [...a.codes].filter((code) => b.codes.has(code) && (code.length > 3 || !a.country || !b.country));
  if (shared.length) tally.add('CODE', WEIGHTS.codeShared, () => `both coded ${listed(shared)}`);
  // (PLOVER gives the country and the sector apart: a shared country code says nothing of the sectors.)
  if (a.types.size && b.types.size && ![...a.types].some((t) => b.types.has(t))) {
    tally.add('CODE', WEIGHTS.typesDiffer, () => `types ${listed(a.types)} and ${listed(b.types)}`);
  } else if (!a.types.size !== !b.types.size) {
    // A state and its government speak as one; any other sector is a part of the country, not it.
    const sectors = [...(a.types.size ? a.types : b.types)].filter((t) => t !== 'GOV');
    if (sectors.length) tally.add('CODE', WEIGHTS.sectorOfOne, () => `one coded ${listed(sectors)}, the other with no type`);
  }

  for (const [scheme, value] of a.identifiers) {
    const other = b.identifiers.get(scheme);
    if (other !== undefined && other !== value) tally.add('IDENTIFIER', WEIGHTS.identifierConflicts, () => `${scheme} ${value} and ${other}`);
  }
  return { score: tally.score, evidence: tally.evidence ?? [] };
}

/**
 * A check for a long search, called in its loops: every thousand turns or so it stops the search
 * when the request it serves has stopped (its time is up, its client gone).
 */
function stopWhenAsked(db: Db): () => void {
  const signal = useOf(db)?.signal;
  let turns = 0;
  return () => {
    if (signal && (++turns & 1023) === 0) signal.throwIfAborted();
  };
}

/** Candidate pairs, most probable first, then by their records' ids. */
const bestFirst = (p: ScoredPair, q: ScoredPair) => q.score - p.score || p.records[0] - q.records[0] || p.records[1] - q.records[1];

/** A candidate search that would compare more pairs than a request may. */
const tooManyComparisons = (what: string, pairs: number, limit: number) =>
  new LimitExceeded(
    'MAX_MATCH_COMPARISONS',
    `Finding candidate ${what} here would compare up to ${pairs.toLocaleString('en')} pairs, more than a request may (${limit.toLocaleString('en')}): narrow it with a filter (a date range, places, countries), or run claimline resolve.`,
    limit,
    pairs,
    ['filter'],
  );

/** The most pairs a request's candidate search may compare (claimline resolve has no limit). */
export const MAX_REQUEST_COMPARISONS = 500_000;

/**
 * The candidate pairs of standing actors scoring at least `minScore`, leaving out those that
 * standing same-as decisions make one already; with a filter, the pairs in which at least one
 * actor matches it.
 */
export function actorMatches(db: Db, minScore: number, filter?: ActorFilter, maxComparisons?: number, explain?: true): MatchSearch;
export function actorMatches(db: Db, minScore: number, filter: ActorFilter, maxComparisons: number, explain: false): MatchSearch<ScoredPair>;
export function actorMatches(db: Db, minScore: number, filter: ActorFilter = {}, maxComparisons = Infinity, explain = true): MatchSearch<ScoredPair> {
  const actors = profiles(db);
  const wanted = Object.values(filter).some((v) => v !== undefined) ? new Set(actorIdsWhere(db, filter)) : null;
  const { blocks: found, skipped } = blocks(actors.values());
  // The blocks' pairs a search compares, counted before any is: with a filter, those of a wanted
  // actor (a block's pairs less those of its unwanted members). A pair in two blocks counts twice.
  const pairsOf = (n: number) => (n * (n - 1)) / 2;
  const upTo = found.reduce((sum, block) => sum + pairsOf(block.length) - (wanted ? pairsOf(block.filter((id) => !wanted.has(id)).length) : 0), 0);
  if (upTo > maxComparisons) throw tooManyComparisons('actors', upTo, maxComparisons);
  const decided = canonicalRecords(db, 'ACTOR');
  // Each pair once, however many blocks hold it: the higher ids compared with each lower one.
  const seen = new Map<number, Set<number>>();
  let compared = 0;
  const matches: ScoredPair[] = [];
  const check = stopWhenAsked(db);
  for (const block of found) {
    block.sort((x, y) => x - y);
    for (let i = 0; i < block.length; i += 1) {
      for (let j = i + 1; j < block.length; j += 1) {
        const [x, y] = [block[i]!, block[j]!];
        let paired = seen.get(x);
        if (!paired) seen.set(x, (paired = new Set()));
        if (paired.has(y)) continue;
        paired.add(y);
        check();
        if (wanted && !wanted.has(x) && !wanted.has(y)) continue;
        if (decided.has(x) && decided.get(x) === decided.get(y)) continue;
        compared += 1;
        const match = scored(compareActors, [x, y], actors.get(x)!, actors.get(y)!, minScore, explain);
        if (match) matches.push(match);
      }
    }
  }
  matches.sort(bestFirst);
  return { matches, compared, skipped };
}

export interface ResolveOptions {
  /** Pairs scoring at least this are decided. */
  minScore: number;
  /** Pairs scoring at least this, and less than minScore, are left for review. */
  reviewScore: number;
  /** Report what would be decided, and decide nothing. */
  dryRun: boolean;
  /** Who decides, as the decisions and their change name it. */
  decidedBy: string;
}

export interface ResolveReport {
  /** The pairs decided (in a dry run: that would be), best first. */
  decided: CandidatePair[];
  /** Pairs above minScore that decisions of this run had made one already (A is B, B is C: A is C). */
  alreadyOne: number;
  /** The pairs between the two scores, best first: for a person to decide. */
  review: CandidatePair[];
}

/** A decision's reason: the score, the threshold, and the evidence that counted. */
const reasonFor = (m: CandidatePair, minScore: number) =>
  `claimline resolve: score ${m.score.toFixed(4)}, at least ${minScore}: ${m.evidence.filter((e) => e.weight !== 0).map((e) => `${e.feature} ${e.comparison}`).join('; ')}`;

/**
 * Decides the candidate pairs of actors, or of events, scoring at least `minScore`, each as a
 * same-as decision with its evidence for a reason, all in one change; reports them, and the
 * pairs left for review.
 */
export function resolveMatches(db: Db, kind: SameAsKind, options: ResolveOptions): ResolveReport {
  const { matches } = kind === 'ACTOR' ? actorMatches(db, options.reviewScore) : eventMatches(db, options.reviewScore);
  const groups = new Groups();
  const decided: CandidatePair[] = [];
  let alreadyOne = 0;
  for (const m of matches) {
    if (m.score < options.minScore) break;
    if (groups.join(m.records[0], m.records[1])) decided.push(m);
    else alreadyOne += 1;
  }
  if (!options.dryRun && decided.length) {
    write(db, { operation: 'resolve', keyName: options.decidedBy }, (w) => {
      for (const m of decided) w.sameAs(kind, m.records, reasonFor(m, options.minScore));
    });
  }
  return { decided, alreadyOne, review: matches.filter((m) => m.score < options.minScore) };
}

// ---------------------------------------------------------------------------------------------
// Events: GDELT codes one story as several events, and outlets report one clash apiece.

/** The weight of each outcome of an event comparison, from its m and u. */
export const EVENT_WEIGHTS = {
  /** Both dated to the same day exactly. */
  sameDay: bits(0.8, 0.5),
  /** Ranges that overlap, one or both vaguer than a day: they may be one. */
  datesOverlap: bits(0.2, 0.5),
  /** Ranges that cannot both hold one event: one article tells of events years apart. */
  datesApart: bits(0.001, 0.3),
  kindAgrees: bits(0.85, 0.25),
  kindDiffers: bits(0.15, 0.75),
  /** The same CAMEO event code (GDELT). */
  codeAgrees: bits(0.6, 0.1),
  codeDiffers: bits(0.4, 0.9),
  samePlace: bits(0.8, 0.15),
  /** Places of one country within 50 km of each other. */
  placesNear: bits(0.15, 0.2),
  /** One place within the other (a city and its country): one record locates the event less precisely. */
  placeWithin: bits(0.2, 0.15),
  placesApart: bits(0.05, 0.65),
  /** The same agent and target, either way round (as standing same-as decisions resolve them). */
  sameSides: bits(0.7, 0.04),
  /** One side in common, the other side named by one record only. */
  sideShared: bits(0.25, 0.15),
  /** One side in common and the other different: one actor doing the same to another (GDELT codes each pair of a meeting, each buyer of a sale). */
  otherSideDiffers: bits(0.03, 0.45),
  actorsDiffer: bits(0.02, 0.36),
  /** One source cited by both: GDELT codes one article into several events. */
  sourceShared: bits(0.5, 0.05),
} as const;

/** The log-odds, before any evidence, that two events of one block are one: about 1 in 50. */
const EVENT_PRIOR = Math.log2(0.02 / 0.98);

interface EventProfile {
  id: number;
  kind: string;
  edtf: string;
  earliest: number;
  latest: number;
  /** Exact to the day: a range of at most one day. */
  exactDay: boolean;
  code: string | null;
  places: EventPlace[];
  /** Participants by role, their actors resolved to their same-as groups (a few each: lists, not sets). */
  agents: number[];
  targets: number[];
  actors: number[];
  sources: number[];
}

interface EventPlace {
  id: number;
  name: string;
  kind: string;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  /** The places it lies in, nearest first. */
  within: number[];
}

const DAY = 86_400_000;

/**
 * The events given, with what the comparison reads of them: one statement a chunk of ids, each
 * event as a JSON array with its places, participants and sources; and one for the places not
 * seen before, with what each lies in. `places` holds those places across calls (many events
 * share a place, and share its object).
 */
function eventProfiles(db: Db, ids: readonly number[], canonical: Map<number, number>, places = new Map<number, EventPlace>()): Map<number, EventProfile> {
  const byId = new Map<number, EventProfile>();
  type Row = [id: number, kind: string, edtf: string, earliest: number, latest: number, code: string | null, places: number[], participants: [actor: number, role: string][], sources: number[]];
  for (let at = 0; at < ids.length; at += 5_000) {
    const rows = JSON.parse(prepared(db, EVENT_PROFILES(db.$engine)).pluck().get(JSON.stringify(ids.slice(at, at + 5_000))) as string) as Row[];
    const unknown = [...new Set(rows.flatMap((r) => r[6]))].filter((id) => !places.has(id));
    if (unknown.length) {
      for (const p of prepared(db, EVENT_PLACES(db.$engine)).all(JSON.stringify(unknown)) as (Omit<EventPlace, 'within'> & { parents: string })[]) {
        const { parents, ...place } = p;
        places.set(p.id, { ...place, within: JSON.parse(parents) as number[] });
      }
    }
    for (const [id, kind, edtf, earliest, latest, code, placeIds, participants, sources] of rows) {
      const event: EventProfile = { id, kind, edtf, earliest, latest, exactDay: latest - earliest < DAY, code, places: placeIds.map((p) => places.get(p)!), agents: [], targets: [], actors: [], sources };
      for (const [actorId, role] of participants) {
        const actor = canonical.get(actorId) ?? actorId;
        event.actors.push(actor);
        if (role === 'AGENT' || role === 'SIDE_1') event.agents.push(actor);
        if (role === 'TARGET' || role === 'SIDE_2') event.targets.push(actor);
      }
      byId.set(id, event);
    }
  }
  return byId;
}

/** Each event of a JSON array of ids, as [id, kind, edtf, earliest, latest, CAMEO code, place ids, [actor, role] pairs, source ids]. */
const EVENT_PROFILES = perEngine((engine) => {
  // SQLite's json_group_array and json_array; PostgreSQL's json_agg (null over no rows) and json_build_array.
  const [array, of] = engine === 'sqlite' ? ['json_group_array(', 'json_array('] : ['json_agg(', 'json_build_array('];
  const all = (inner: string) => (engine === 'sqlite' ? `${array}${inner})` : `coalesce(${array}${inner}), '[]')`);
  return `SELECT ${all(`${of}i.id, e.kind, i.date_edtf, i.date_earliest, i.date_latest, g.event_code,
    (SELECT ${all('ip.place_id ORDER BY ip.place_id')} FROM item_places ip WHERE ip.item_id = i.id),
    (SELECT ${all(`${of}p.actor_id, p.role) ORDER BY p.actor_id, p.role`)} FROM event_participants p WHERE p.event_id = i.id),
    (SELECT ${all('c.source_id ORDER BY c.source_id')} FROM citations c WHERE c.item_id = i.id))`)}
  FROM items i JOIN events e ON e.item_id = i.id LEFT JOIN gdelt_codings g ON g.item_id = i.id WHERE ${amongIds(engine, 'i.id')}`;
});

/** Places, each with the places it lies in, nearest first (its recorded parents, then the GDELT country its key names). */
const EVENT_PLACES = perEngine((engine) => {
  const parents = engine === 'sqlite' ? 'json_group_array(id) FROM (SELECT id FROM (SELECT id, depth FROM up UNION ALL SELECT ${country}, 1000) WHERE id IS NOT NULL ORDER BY depth)' : "coalesce(json_agg(id ORDER BY depth), '[]') FROM (SELECT id, depth FROM up UNION ALL SELECT ${country}, 1000) AS nearest WHERE id IS NOT NULL";
  return `SELECT p.id, p.name, p.kind, p.country, p.latitude, p.longitude,
    (WITH RECURSIVE up(id, depth) AS (SELECT p.parent_id, 1 UNION SELECT parent_id, depth + 1 FROM places JOIN up ON places.id = up.id WHERE depth < 32)
      SELECT ${parents.replace('${country}', gdeltCountryOf('p.id'))}) AS parents
  FROM places p WHERE ${amongIds(engine, 'p.id')}`;
});

/** Kilometres between two points (haversine). */
function distance(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.latitude - a.latitude) * rad) / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(((b.longitude - a.longitude) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const intersects = (a: readonly number[], b: readonly number[]) => a.some((x) => b.includes(x));

/** The evidence for and against two events being one (when `explain`), and the score it adds up to. */
export function compareEvents(a: EventProfile, b: EventProfile, explain = true): { score: number; evidence: MatchEvidence[] } {
  const tally = new Tally(EVENT_PRIOR, explain);
  if (a.latest < b.earliest || b.latest < a.earliest) tally.add('DATE', EVENT_WEIGHTS.datesApart, () => `${a.edtf} and ${b.edtf}: apart`);
  else if (a.exactDay && b.exactDay) tally.add('DATE', EVENT_WEIGHTS.sameDay, () => `both ${a.edtf}`);
  else tally.add('DATE', EVENT_WEIGHTS.datesOverlap, () => `${a.edtf} and ${b.edtf}: overlapping`);

  if (a.kind === b.kind) tally.add('KIND', EVENT_WEIGHTS.kindAgrees, () => `both ${a.kind}`);
  else tally.add('KIND', EVENT_WEIGHTS.kindDiffers, () => `${a.kind} and ${b.kind}`);
  if (a.code && b.code) {
    if (a.code === b.code) tally.add('CODE', EVENT_WEIGHTS.codeAgrees, () => `both CAMEO ${a.code}`);
    else tally.add('CODE', EVENT_WEIGHTS.codeDiffers, () => `CAMEO ${a.code} and ${b.code}`);
  }

  if (a.places.length && b.places.length) {
    const same = a.places.find((p) => b.places.some((q) => q.id === p.id));
    const near = same ? undefined : closest(a.places, b.places);
    const within = same ? undefined : placeWithin(a.places, b.places);
    if (same) tally.add('PLACE', EVENT_WEIGHTS.samePlace, () => `both at ${same.name}`);
    else if (within) tally.add('PLACE', EVENT_WEIGHTS.placeWithin, () => `${within.inner.name} lies in ${within.outer.name}`);
    else if (near && near.km <= 50) tally.add('PLACE', EVENT_WEIGHTS.placesNear, () => `${near.p.name} and ${near.q.name}: ${Math.round(near.km)} km apart`);
    else tally.add('PLACE', EVENT_WEIGHTS.placesApart, () => `${a.places[0]!.name} and ${b.places[0]!.name}: apart`);
  } else {
    tally.add('PLACE', 0, () => 'not compared: the place of one or both is not known');
  }

  if (a.actors.length && b.actors.length) {
    const sides = compareSides(a, b);
    if (sides === 'same') tally.add('PARTICIPANTS', EVENT_WEIGHTS.sameSides, () => 'the same agent and target');
    else if (sides === 'shared') tally.add('PARTICIPANTS', EVENT_WEIGHTS.sideShared, () => 'one side in common, the other named by one only');
    else if (sides === 'differs') tally.add('PARTICIPANTS', EVENT_WEIGHTS.otherSideDiffers, () => 'one side in common, the other different');
    else tally.add('PARTICIPANTS', EVENT_WEIGHTS.actorsDiffer, () => 'no actor in common');
  } else {
    tally.add('PARTICIPANTS', 0, () => 'not compared: the participants of one or both are not known');
  }
  if (intersects(a.sources, b.sources)) tally.add('SOURCE', EVENT_WEIGHTS.sourceShared, () => 'a source in common');
  return { score: tally.score, evidence: tally.evidence ?? [] };
}

/**
 * How two events' sides compare, either way round: the same agent and target; one side in common
 * and the other named by one record only; one side in common and the other different; or none.
 */
function compareSides(a: EventProfile, b: EventProfile): 'same' | 'shared' | 'differs' | 'none' {
  const best = (x: { agents: number[]; targets: number[] }, y: { agents: number[]; targets: number[] }) => {
    const agents = intersects(x.agents, y.agents);
    const targets = intersects(x.targets, y.targets);
    if (agents && targets) return 'same';
    if (!agents && !targets) return 'none';
    const other = agents ? [x.targets, y.targets] : [x.agents, y.agents];
    return other[0]!.length && other[1]!.length ? 'differs' : 'shared';
  };
  const order = ['same', 'shared', 'differs', 'none'] as const;
  const ways = [best(a, b), best(a, { agents: b.targets, targets: b.agents })];
  const found = order.find((o) => ways.includes(o))!;
  if (found !== 'none') return found;
  // An actor in common in other roles (a supporter, an affected party).
  return intersects(a.actors, b.actors) ? 'shared' : 'none';
}

/** Whether a place lies in a place of the other list: as a place records its parents, or in the country a country place stands for. */
const liesIn = (inner: EventPlace, outer: EventPlace) => inner.within.includes(outer.id) || (outer.kind === 'COUNTRY' && inner.kind !== 'COUNTRY' && outer.country !== null && inner.country === outer.country);

/** A place of one list lying in a place of the other, either way round. */
function placeWithin(as: readonly EventPlace[], bs: readonly EventPlace[]): { inner: EventPlace; outer: EventPlace } | undefined {
  for (const p of as) {
    for (const q of bs) {
      if (liesIn(p, q)) return { inner: p, outer: q };
      if (liesIn(q, p)) return { inner: q, outer: p };
    }
  }
  return undefined;
}

/** The two places, one of each list, nearest each other, when their coordinates are known. */
function closest(as: readonly EventPlace[], bs: readonly EventPlace[]): { p: EventPlace; q: EventPlace; km: number } | undefined {
  let best: { p: EventPlace; q: EventPlace; km: number } | undefined;
  for (const p of as) {
    for (const q of bs) {
      if (p.latitude === null || p.longitude === null || q.latitude === null || q.longitude === null) continue;
      const km = distance({ latitude: p.latitude, longitude: p.longitude }, { latitude: q.latitude, longitude: q.longitude });
      if (!best || km < best.km) best = { p, q, km };
    }
  }
  return best;
}

/**
 * The blocks of events to compare, as (block, event) rows in block order: the events citing one
 * source (GDELT codes one article into several events), and those of one day, place and PLOVER
 * kind. Only events dated to within three days; a block of more than MAX_BLOCK is left out.
 */
const EVENT_BLOCKS = `WITH standing AS MATERIALIZED (SELECT i.id, e.kind, i.date_earliest / ${DAY} AS day FROM items i JOIN events e ON e.item_id = i.id
    WHERE i.retracted_at IS NULL AND i.date_latest - i.date_earliest < 3 * ${DAY}),
  members AS (
    SELECT 's' || c.source_id AS block, c.item_id AS id FROM citations c JOIN standing s ON s.id = c.item_id
    UNION SELECT 'p' || ip.place_id || ':' || s.day || ':' || s.kind, s.id FROM standing s JOIN item_places ip ON ip.item_id = s.id),
  sized AS (SELECT block, id, count(*) OVER (PARTITION BY block) AS n FROM members)
  SELECT block, id, n FROM sized WHERE n > 1 ORDER BY block, id`;

/** What the searches keep per connection while the record stands as it did when they ran. */
interface Kept {
  version: number;
  /** The event blocks (eventBlocks). */
  blocks?: { blocks: number[][]; skipped: number };
  /** Searches' scored pairs by their key (keptSearch). */
  searches: Map<string, ScoredPair[]>;
}
const keptByConnection = new WeakMap<Db['$client'], Kept>();

/** This connection's kept searches, emptied when the record has changed since (by any process: its last change id). */
function keptFor(db: Db): Kept {
  const version = lastChange(db);
  let kept = keptByConnection.get(db.$client);
  if (kept?.version !== version) keptByConnection.set(db.$client, (kept = { version, searches: new Map() }));
  return kept;
}

/**
 * The blocks of events to compare, in block order, each its events in id order, and how many were
 * left out for their size: read in one statement, and kept per connection until the record changes.
 */
function eventBlocks(db: Db): { blocks: number[][]; skipped: number } {
  const kept = keptFor(db);
  if (kept.blocks) return kept.blocks;
  const found = { blocks: [] as number[][], skipped: 0 };
  let block: string | null = null;
  let members: number[] = [];
  for (const row of prepared(db, EVENT_BLOCKS).iterate() as IterableIterator<{ block: string; id: number; n: number }>) {
    if (row.block !== block) {
      if (members.length > 1) found.blocks.push(members);
      [block, members] = [row.block, []];
      if (row.n > MAX_BLOCK) found.skipped += 1;
    }
    if (row.n <= MAX_BLOCK) members.push(row.id);
  }
  if (members.length > 1) found.blocks.push(members);
  return (kept.blocks = found);
}

/** Events whose details are read at once: a batch of blocks is compared once its events reach this many. */
const EVENT_BATCH = 5_000;

/**
 * The candidate pairs of standing events scoring at least `minScore`, leaving out those standing
 * decisions make one; with `wanted`, the pairs in which at least one event is among them. The
 * blocks come from one statement, and are compared a batch at a time, each batch's events read
 * then and let go after: memory follows the blocks and one batch, not the pairs. A pair in two
 * blocks is compared once, in the first.
 */
export function eventMatches(db: Db, minScore: number, wanted?: ReadonlySet<number> | null, maxComparisons?: number, explain?: true): MatchSearch;
export function eventMatches(db: Db, minScore: number, wanted: ReadonlySet<number> | null, maxComparisons: number, explain: false): MatchSearch<ScoredPair>;
export function eventMatches(db: Db, minScore: number, wanted: ReadonlySet<number> | null = null, maxComparisons = Infinity, explain = true): MatchSearch<ScoredPair> {
  const all = eventBlocks(db);
  // The blocks compared, each its events in id order, and for each event the blocks it is in, in
  // order; a block with no event wanted holds no pair asked for (nor the first block of one).
  const blocks = wanted ? all.blocks.filter((members) => members.some((id) => wanted.has(id))) : all.blocks;
  // The pairs the blocks hold (a pair in two blocks counts twice), counted before any is compared.
  let upTo = 0;
  for (const members of blocks) {
    const unwanted = wanted ? members.filter((id) => !wanted.has(id)).length : 0;
    upTo += (members.length * (members.length - 1)) / 2 - (unwanted * (unwanted - 1)) / 2;
  }
  if (upTo > maxComparisons) throw tooManyComparisons('events', upTo, maxComparisons);
  const blocksOf = new Map<number, number[]>();
  for (const [b, members] of blocks.entries()) {
    for (const id of members) {
      let of = blocksOf.get(id);
      if (!of) blocksOf.set(id, (of = []));
      of.push(b);
    }
  }

  const decided = canonicalRecords(db, 'EVENT');
  const actors = canonicalRecords(db, 'ACTOR');
  const places = new Map<number, EventPlace>();
  const check = stopWhenAsked(db);
  const matches: ScoredPair[] = [];
  let compared = 0;
  /** The first block both events are in. */
  const firstShared = (x: number, y: number) => {
    const ys = blocksOf.get(y)!;
    return blocksOf.get(x)!.find((b) => ys.includes(b));
  };
  const compareBatch = (from: number, to: number) => {
    const ids = new Set<number>();
    for (let b = from; b < to; b += 1) for (const id of blocks[b]!) ids.add(id);
    const events = eventProfiles(db, [...ids], actors, places);
    for (let b = from; b < to; b += 1) {
      const members = blocks[b]!;
      for (let i = 0; i < members.length; i += 1) {
        for (let j = i + 1; j < members.length; j += 1) {
          const [x, y] = [members[i]!, members[j]!];
          if (wanted && !wanted.has(x) && !wanted.has(y)) continue;
          if (firstShared(x, y) !== b) continue;
          if (decided.has(x) && decided.get(x) === decided.get(y)) continue;
          compared += 1;
          check();
          const match = scored(compareEvents, [x, y], events.get(x)!, events.get(y)!, minScore, explain);
          if (match) matches.push(match);
        }
      }
    }
  };
  let from = 0;
  let size = 0;
  for (let b = 0; b < blocks.length; b += 1) {
    size += blocks[b]!.length;
    if (size >= EVENT_BATCH) {
      compareBatch(from, b + 1);
      [from, size] = [b + 1, 0];
    }
  }
  compareBatch(from, blocks.length);
  matches.sort(bestFirst);
  return { matches, compared, skipped: all.skipped };
}

/** Searches kept per connection: the latest, up to this many pairs in all. */
const KEPT_PAIRS = 500_000;

/**
 * The pairs `search` finds, kept under `key` until the record changes (any process's change): the
 * next page of the same candidates, or the same page again, reads them instead of searching again.
 */
export function keptSearch(db: Db, key: string, search: () => ScoredPair[]): ScoredPair[] {
  const { searches } = keptFor(db);
  let found = searches.get(key);
  if (!found) {
    found = search();
    // The latest searches stay, as many as fit beside this one.
    let pairs = found.length;
    for (const [other, pairsOf] of [...searches].reverse()) {
      pairs += pairsOf.length;
      if (pairs > KEPT_PAIRS) searches.delete(other);
    }
    if (found.length <= KEPT_PAIRS) searches.set(key, found);
  }
  return found;
}

/** Scored pairs of one kind of record with their evidence, the records read again (a request's page of candidates). */
export function explainMatches(db: Db, kind: SameAsKind, pairs: readonly ScoredPair[]): CandidatePair[] {
  if (pairs.length === 0) return [];
  if (kind === 'ACTOR') {
    const actors = profiles(db);
    return pairs.map((pair) => ({ ...pair, evidence: compareActors(actors.get(pair.records[0])!, actors.get(pair.records[1])!).evidence }));
  }
  const events = eventProfiles(db, [...new Set(pairs.flatMap((pair) => pair.records))], canonicalRecords(db, 'ACTOR'));
  return pairs.map((pair) => ({ ...pair, evidence: compareEvents(events.get(pair.records[0])!, events.get(pair.records[1])!).evidence }));
}
