import { describe, expect, it } from 'vitest';
import { anchorQuote, quoteMatchesSource } from '../src/domain/quote-anchor.ts';

const text = 'He said "yes". Then she said "yes" too.';

describe('anchoring quotes in a source', () => {
  it('computes both selectors from exact text', () => {
    const q = anchorQuote(text, { exact: 'Then she said' }, ['quote']);
    expect(q).toEqual({ start: 15, end: 28, exact: 'Then she said', prefix: 'He said "yes". ', suffix: ' "yes" too.' });
    expect(text.slice(q.start, q.end)).toBe(q.exact);
  });

  it('refuses ambiguous text unless prefix or suffix choose one occurrence', () => {
    expect(() => anchorQuote(text, { exact: 'yes' }, ['quote'])).toThrow(/occurs 2 times/);
    expect(anchorQuote(text, { exact: 'yes', prefix: 'she said "' }, ['quote']).start).toBe(30);
    expect(anchorQuote(text, { exact: 'yes', suffix: '". Then' }, ['quote']).start).toBe(9);
  });

  it('refuses text that does not occur, and offsets that do not select it', () => {
    expect(() => anchorQuote(text, { exact: 'no' }, ['quote'])).toThrow(/does not occur/);
    expect(() => anchorQuote(text, { start: 0, end: 2, exact: 'Ha' }, ['quote'])).toThrow(/is "He"/);
    expect(() => anchorQuote(text, { start: 5, end: 500 }, ['quote'])).toThrow(/offsets/);
  });

  it('flags a quote whose text no longer matches its source', () => {
    const q = anchorQuote(text, { exact: 'Then she said' }, ['quote']);
    expect(quoteMatchesSource(text, q)).toBe(true);
    expect(quoteMatchesSource(`X${text}`, q)).toBe(false);
    expect(quoteMatchesSource(null, q)).toBe(false);
  });
});
