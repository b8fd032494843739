import edtf, { type ExtDate } from 'edtf';
import { InputError } from './errors.ts';
import type { DatePrecision } from '../db/vocabulary.ts';

/** Stored bounds of an open end: JavaScript's smallest and largest dates keep the columns sortable. */
export const OPEN_START = -8.64e15;
export const OPEN_END = 8.64e15;

/** A stored bound as a Date; null for an open end. */
export const boundDate = (ms: number): Date | null => (ms === OPEN_START || ms === OPEN_END ? null : new Date(ms));

export interface FuzzyDate {
  /** The EDTF (ISO 8601-2) expression, normalised by the parser. */
  edtf: string;
  /** Epoch milliseconds; OPEN_START / OPEN_END for an open or unknown end. */
  earliest: number;
  latest: number;
  precision: DatePrecision;
  approximate: boolean;
  uncertain: boolean;
  /** How the date was derived from the source's words, when it was resolved (e.g. "on Monday"). */
  basis: string | null;
}

const PRECISION_ORDER: readonly DatePrecision[] = ['TIME', 'DAY', 'MONTH', 'SEASON', 'YEAR', 'DECADE', 'CENTURY'];
const coarsest = (a: DatePrecision, b: DatePrecision) =>
  PRECISION_ORDER.indexOf(a) >= PRECISION_ORDER.indexOf(b) ? a : b;

/** The members of a set or list: single dates, and ranges written "a..b" (kept as their two ends). */
const membersOf = (d: ExtDate): ExtDate[] => ((d.values ?? []) as (ExtDate | ExtDate[])[]).flat();

function precisionOf(d: ExtDate): DatePrecision | null {
  switch (d.type) {
    case 'Century':
      return 'CENTURY';
    case 'Decade':
      return 'DECADE';
    case 'Season':
      return 'SEASON';
    case 'Year':
      return 'YEAR';
    case 'Date':
      return (['TIME', 'YEAR', 'MONTH', 'DAY'] as const)[d.precision ?? 1] ?? 'YEAR';
    case 'Interval': {
      const ends = [d.lower, d.upper].flatMap((e) => (e ? [precisionOf(e)] : [])).filter((p) => p !== null);
      return ends.reduce<DatePrecision | null>((acc, p) => (acc ? coarsest(acc, p) : p), null);
    }
    case 'Set':
    case 'List':
      return membersOf(d).map(precisionOf).reduce<DatePrecision | null>((acc, p) => (p === null ? acc : acc ? coarsest(acc, p) : p), null);
  }
}

const flagged = (d: ExtDate, flag: 'approximate' | 'uncertain'): boolean =>
  (d[flag]?.value ?? 0) !== 0 ||
  [d.lower, d.upper, ...(d.type === 'Set' || d.type === 'List' ? membersOf(d) : [])].some((part) => part != null && typeof part === 'object' && flagged(part, flag));

/**
 * The earliest and latest instants an expression allows. A set or list spans from its first
 * member's start to its last member's end (edtf's own `max` stops at the start of a final range);
 * `..` before or after it leaves that end open.
 */
function boundsOf(d: ExtDate): { min: number; max: number } {
  if (d.type !== 'Set' && d.type !== 'List') return { min: d.min ?? -Infinity, max: d.max ?? Infinity };
  const members = membersOf(d);
  const list = d as ExtDate & { earlier?: boolean; later?: boolean };
  return {
    min: list.earlier ? -Infinity : Math.min(...members.map((m) => m.min ?? -Infinity)),
    max: list.later ? Infinity : Math.max(...members.map((m) => m.max ?? Infinity)),
  };
}

/**
 * Parses an EDTF expression into a fuzzy date. `path` names the field for the error a malformed
 * expression gets.
 */
export function parseFuzzyDate(expression: string, path: readonly (string | number)[] = [], basis: string | null = null): FuzzyDate {
  // Parsing costs about 0.1 ms and imports repeat the same few thousand dates: parse each once.
  const known = parsedCache.get(expression);
  if (known) return { ...known, basis };
  const parsedDate = parseUncached(expression, path);
  if (parsedCache.size >= PARSED_CACHE_SIZE) parsedCache.clear();
  parsedCache.set(expression, parsedDate);
  return { ...parsedDate, basis };
}

const parsedCache = new Map<string, Omit<FuzzyDate, 'basis'>>();
const PARSED_CACHE_SIZE = 50_000;

function parseUncached(expression: string, path: readonly (string | number)[]): Omit<FuzzyDate, 'basis'> {
  const invalid = (why: string) => new InputError(path, `"${expression}" is not a valid EDTF date${why} (examples: 2017-10-10, 2017-09, 2017-09~, 2015/..)`);
  let parsed: ExtDate;
  try {
    parsed = edtf(expression.trim());
  } catch {
    throw invalid('');
  }
  // The library accepts expressions (years of twenty digits, empty sets) whose instants no
  // JavaScript date can hold: those are refused, not stored.
  let bounds: { min: number; max: number };
  let normalised: string;
  let precision: DatePrecision | null;
  try {
    bounds = boundsOf(parsed);
    normalised = parsed.edtf;
    precision = precisionOf(parsed);
  } catch {
    throw invalid(': claimline cannot place it on a timeline');
  }
  const representable = (ms: number) => Number.isFinite(ms) && ms > OPEN_START && ms < OPEN_END;
  const earliest = bounds.min === -Infinity ? OPEN_START : bounds.min;
  const latest = bounds.max === Infinity ? OPEN_END : bounds.max;
  if ((earliest !== OPEN_START && !representable(earliest)) || (latest !== OPEN_END && !representable(latest))) {
    throw invalid(': it lies beyond the dates claimline can hold (years −271,821 to 275,759)');
  }
  if (earliest > latest) throw invalid(': its end precedes its start');
  // Neither end known ("/", "../.."): a date the data does not give, such as a source's publication.
  return { edtf: normalised, earliest, latest, precision: precision ?? 'UNKNOWN', approximate: flagged(parsed, 'approximate'), uncertain: flagged(parsed, 'uncertain') };
}

/** A date with at least one known end, for what must have a place on the timeline (an item, a filter's range). */
export function placedDate(date: FuzzyDate, path: readonly (string | number)[]): FuzzyDate {
  if (date.precision === 'UNKNOWN') throw new InputError(path, `"${date.edtf}" has no known end: give at least one (e.g. "../2017-10-11", made no later than its report)`);
  return date;
}

/** What a stored date needs parsing for: its precision, flags and label. */
export interface DateFacets {
  precision: DatePrecision;
  approximate: boolean;
  uncertain: boolean;
  label: string;
}

// Parsing EDTF costs about 0.1 ms; a timeline holds few distinct expressions, so each is parsed once.
const facetCache = new Map<string, DateFacets>();
const FACET_CACHE_SIZE = 10_000;

/** The facets of a stored (hence valid) EDTF expression, memoised. */
export function dateFacets(edtfExpression: string): DateFacets {
  let facets = facetCache.get(edtfExpression);
  if (!facets) {
    const { precision, approximate, uncertain } = parseFuzzyDate(edtfExpression);
    facets = { precision, approximate, uncertain, label: labelFuzzyDate(edtfExpression) };
    if (facetCache.size >= FACET_CACHE_SIZE) facetCache.clear();
    facetCache.set(edtfExpression, facets);
  }
  return facets;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function labelOfPoint(d: ExtDate): string {
  const min = d.min ?? 0;
  const at = new Date(min);
  const year = at.getUTCFullYear();
  let text: string;
  switch (precisionOf(d)) {
    case 'TIME':
      text = at.toISOString().replace('T', ' ').replace(/:00\.000Z$|\.000Z$/, '').replace(/Z$/, '') + ' UTC';
      break;
    case 'DAY':
      text = `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${year}`;
      break;
    case 'MONTH':
      text = `${MONTHS[at.getUTCMonth()]} ${year}`;
      break;
    case 'DECADE':
      text = `${year}s`;
      break;
    case 'CENTURY':
      text = `${Math.floor(year / 100) + 1}th century`;
      break;
    default:
      text = d.edtf.replace(/[~?%]/g, '');
  }
  const approximate = (d.approximate?.value ?? 0) !== 0;
  const uncertain = (d.uncertain?.value ?? 0) !== 0;
  return `${approximate ? 'about ' : ''}${text}${uncertain ? ' (uncertain)' : ''}`;
}

/** A short English label for people: "10 October 2017", "September 2017", "since 2015". */
export function labelFuzzyDate(expression: string): string {
  const d = edtf(expression);
  if (d.type !== 'Interval') {
    if (d.type === 'Set' || d.type === 'List') {
      const list = d as ExtDate & { earlier?: boolean; later?: boolean };
      const values = ((d.values ?? []) as (ExtDate | ExtDate[])[]).map((v) => (Array.isArray(v) ? `${labelOfPoint(v[0]!)} to ${labelOfPoint(v[1]!)}` : labelOfPoint(v)));
      const open = `${list.earlier ? ' or earlier' : ''}${list.later ? ' or later' : ''}`;
      return d.type === 'Set' ? `${values.length > 1 || (d.values ?? []).some(Array.isArray) ? 'one of ' : ''}${values.join(', ')}${open}` : `${values.join(', ')}${open}`;
    }
    return labelOfPoint(d);
  }
  const open = (end: ExtDate | null | undefined) => end == null || typeof end !== 'object' || !('edtf' in end);
  const lower = open(d.lower) ? null : labelOfPoint(d.lower as ExtDate);
  const upper = open(d.upper) ? null : labelOfPoint(d.upper as ExtDate);
  if (lower && upper) return `${lower} – ${upper}`;
  if (lower) return `since ${lower}`;
  if (upper) return `until ${upper}`;
  return 'at an unknown time';
}

/**
 * What several dates of one thing allow together: the instants every one of them allows (a
 * group of records of one event, each dated by its own source). Null when they allow none: the
 * sources contradict each other. The common range keeps a record's own expression when it is
 * that record's range, and is otherwise written as the days it spans.
 */
export function commonDate<D extends Pick<FuzzyDate, 'edtf' | 'earliest' | 'latest' | 'basis'>>(dates: readonly D[]): D | FuzzyDate | null {
  if (dates.length === 0) return null;
  const earliest = Math.max(...dates.map((d) => d.earliest));
  const latest = Math.min(...dates.map((d) => d.latest));
  if (earliest > latest) return null;
  const own = dates.find((d) => d.earliest === earliest && d.latest === latest);
  if (own) return own;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const from = earliest === OPEN_START ? '..' : day(earliest);
  const to = latest === OPEN_END ? '..' : day(latest);
  return parseFuzzyDate(from === to ? from : `${from}/${to}`, [], `what ${dates.length} records' dates allow together`);
}
