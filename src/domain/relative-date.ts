import { InputError } from './errors.ts';
import { parseFuzzyDate, type FuzzyDate } from './fuzzy-date.ts';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAY = 86_400_000;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Resolves a source's relative wording ("on Monday", "in September", "since 2015", "over the past
 * month", "yesterday") against the source's publication date, at the precision the words give.
 * The result records the wording and the anchor as its basis.
 */
export function resolveRelativeDate(
  phrase: string,
  published: FuzzyDate,
  path: readonly (string | number)[] = [],
): FuzzyDate {
  const words = phrase.trim().toLowerCase().replace(/\s+/g, ' ');
  const basis = `"${phrase.trim()}", relative to publication on ${published.edtf}`;
  const needDay = () => {
    if (published.precision !== 'DAY' && published.precision !== 'TIME') {
      throw new InputError(path, `"${phrase}" needs a publication date known to the day, not ${published.edtf}`);
    }
    return Date.UTC(
      new Date(published.earliest).getUTCFullYear(),
      new Date(published.earliest).getUTCMonth(),
      new Date(published.earliest).getUTCDate(),
    );
  };
  const resolved = (edtf: string) => parseFuzzyDate(edtf, path, basis);

  let match: RegExpMatchArray | null;
  if ((match = words.match(/^(?:on |last )?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)$/))) {
    // The most recent such weekday on or before the day of publication.
    const day = needDay();
    const back = (new Date(day).getUTCDay() - WEEKDAYS.indexOf(match[1]!) + 7) % 7;
    return resolved(isoDay(day - back * DAY));
  }
  if (words === 'today') return resolved(isoDay(needDay()));
  if (words === 'yesterday') return resolved(isoDay(needDay() - DAY));
  if ((match = words.match(/^(?:in |last )?(january|february|march|april|may|june|july|august|september|october|november|december)$/))) {
    // The most recent such month on or before the month of publication.
    const at = new Date(published.earliest);
    const month = MONTHS.indexOf(match[1]!);
    const year = month <= at.getUTCMonth() ? at.getUTCFullYear() : at.getUTCFullYear() - 1;
    return resolved(`${year}-${String(month + 1).padStart(2, '0')}`);
  }
  if ((match = words.match(/^since (\d{4})$/))) return resolved(`${match[1]}/..`);
  if ((match = words.match(/^(?:over |in |during )?the (?:past|last) (week|month|year)$/))) {
    // A vague span back from publication: the start is approximate, the end is the publication day.
    const day = needDay();
    const start = new Date(day);
    if (match[1] === 'week') start.setUTCDate(start.getUTCDate() - 7);
    if (match[1] === 'month') start.setUTCMonth(start.getUTCMonth() - 1);
    if (match[1] === 'year') start.setUTCFullYear(start.getUTCFullYear() - 1);
    return resolved(`${isoDay(start.getTime())}~/${isoDay(day)}`);
  }
  throw new InputError(
    path,
    `cannot resolve "${phrase}": use "on <weekday>", "in <month>", "since <year>", "over the past week|month|year", "today" or "yesterday", or give an EDTF date`,
  );
}
