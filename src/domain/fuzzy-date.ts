import edtf, { type ExtDate } from 'edtf';
import { InputError } from './errors.ts';
import type { DatePrecision } from './vocabulary.ts';

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
      return (d.values ?? []).map(precisionOf).reduce<DatePrecision | null>(
        (acc, p) => (p === null ? acc : acc ? coarsest(acc, p) : p),
        null,
      );
  }
}

const flagged = (d: ExtDate, flag: 'approximate' | 'uncertain'): boolean =>
  (d[flag]?.value ?? 0) !== 0 ||
  [d.lower, d.upper, ...(d.values ?? [])].some((part) => part != null && flagged(part, flag));

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
  let parsed: ExtDate;
  try {
    parsed = edtf(expression.trim());
  } catch {
    throw new InputError(path, `"${expression}" is not a valid EDTF date (examples: 2017-10-10, 2017-09, 2017-09~, 2015/..)`);
  }
  const earliest = parsed.min === null || !Number.isFinite(parsed.min) ? OPEN_START : parsed.min;
  const latest = parsed.max === null || !Number.isFinite(parsed.max) ? OPEN_END : parsed.max;
  if (Number.isNaN(earliest) || Number.isNaN(latest) || earliest > latest) {
    throw new InputError(path, `"${expression}" is not a valid EDTF date: its end precedes its start`);
  }
  const precision = precisionOf(parsed);
  if (precision === null) throw new InputError(path, `"${expression}" has no known end`);
  return { edtf: parsed.edtf, earliest, latest, precision, approximate: flagged(parsed, 'approximate'), uncertain: flagged(parsed, 'uncertain') };
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
      const values = (d.values ?? []).map(labelOfPoint);
      return d.type === 'Set' ? `one of ${values.join(', ')}` : values.join(', ');
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
