import { InputError } from './errors.ts';

/** How many characters of context the TextQuoteSelector keeps on either side. */
export const CONTEXT_LENGTH = 32;

/** Both W3C Web Annotation selectors of a span: position (end-exclusive) and quote. */
export interface QuoteSelectors {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

export interface QuoteLocator {
  exact?: string;
  prefix?: string;
  suffix?: string;
  start?: number;
  end?: number;
}

function selectorsAt(text: string, start: number, end: number): QuoteSelectors {
  return {
    start,
    end,
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, end + CONTEXT_LENGTH),
  };
}

/**
 * Anchors a quote in a source's text, by offsets or by exact text (with optional prefix and
 * suffix to choose among repeated occurrences), and returns both selectors. Text that does not
 * match, or exact text that occurs more than once without a disambiguating context, is refused.
 */
export function anchorQuote(text: string, locator: QuoteLocator, path: readonly (string | number)[]): QuoteSelectors {
  const { exact, prefix = '', suffix = '', start, end } = locator;
  if (start !== undefined || end !== undefined) {
    if (start === undefined || end === undefined || !Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > text.length) {
      throw new InputError(path, `offsets must satisfy 0 <= start < end <= ${text.length} (the source's length)`);
    }
    const selectors = selectorsAt(text, start, end);
    if (exact !== undefined && exact !== selectors.exact) {
      throw new InputError([...path, 'exact'], `the source's text at ${start}..${end} is "${selectors.exact}", not "${exact}"`);
    }
    return selectors;
  }
  if (!exact) throw new InputError([...path, 'exact'], 'give the exact text of the quote, or its start and end offsets');
  const found: number[] = [];
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    if (text.slice(0, at).endsWith(prefix) && text.slice(at + exact.length).startsWith(suffix)) found.push(at);
  }
  if (found.length === 0) throw new InputError([...path, 'exact'], `"${exact}" does not occur in the source${prefix || suffix ? ' with that prefix and suffix' : ''}`);
  if (found.length > 1) {
    throw new InputError([...path, 'exact'], `"${exact}" occurs ${found.length} times in the source: give a prefix or suffix to choose one`);
  }
  return selectorsAt(text, found[0]!, found[0]! + exact.length);
}

/** Whether a stored quote still selects its text in the source (a mismatch is flagged, never re-anchored). */
export function quoteMatchesSource(text: string | null, quote: Pick<QuoteSelectors, 'start' | 'end' | 'exact'>): boolean {
  return text !== null && text.slice(quote.start, quote.end) === quote.exact;
}
