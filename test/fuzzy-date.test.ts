import { describe, expect, it } from 'vitest';
import { InputError } from '../src/domain/errors.ts';
import { commonDate, labelFuzzyDate, OPEN_END, parseFuzzyDate } from '../src/domain/fuzzy-date.ts';
import { resolveRelativeDate } from '../src/domain/relative-date.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('fuzzy dates', () => {
  it('keeps the precision of the expression and computes its bounds', () => {
    const day = parseFuzzyDate('2017-10-10');
    expect([day.precision, iso(day.earliest), iso(day.latest)]).toEqual(['DAY', '2017-10-10T00:00:00.000Z', '2017-10-10T23:59:59.999Z']);
    const month = parseFuzzyDate('2017-09');
    expect([month.precision, iso(month.earliest), iso(month.latest)]).toEqual(['MONTH', '2017-09-01T00:00:00.000Z', '2017-09-30T23:59:59.999Z']);
    const about = parseFuzzyDate('2017-09~');
    expect([about.precision, about.approximate, about.uncertain]).toEqual(['MONTH', true, false]);
    expect(parseFuzzyDate('2017?').uncertain).toBe(true);
  });

  it('keeps an open-ended period open', () => {
    const since = parseFuzzyDate('2015/..');
    expect(iso(since.earliest)).toBe('2015-01-01T00:00:00.000Z');
    expect(since.latest).toBe(OPEN_END);
    expect(labelFuzzyDate('2015/..')).toBe('since 2015');
  });

  it('labels dates for people', () => {
    expect(labelFuzzyDate('2017-10-10')).toBe('10 October 2017');
    expect(labelFuzzyDate('2017-09')).toBe('September 2017');
    expect(labelFuzzyDate('2017-09~')).toBe('about September 2017');
    expect(labelFuzzyDate('2017-10-10/2017-10-11')).toBe('10 October 2017 – 11 October 2017');
  });

  it('refuses malformed and inverted expressions, naming the field', () => {
    for (const bad of ['2017-13', '', 'yesterday', '2017-10-11/2017-10-01']) {
      const error = (() => {
        try {
          parseFuzzyDate(bad, ['filter', 'date', 'from']);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toEqual(['filter', 'date', 'from']);
    }
  });
});

describe('relative dates, resolved against the publication date (Wednesday 11 October 2017)', () => {
  const published = parseFuzzyDate('2017-10-11');
  const resolve = (phrase: string) => resolveRelativeDate(phrase, published).edtf;

  it('resolves weekdays to the most recent such day', () => {
    expect(resolve('on Monday')).toBe('2017-10-09');
    expect(resolve('on Tuesday')).toBe('2017-10-10');
    expect(resolve('Wednesday')).toBe('2017-10-11');
    expect(resolve('on Thursday')).toBe('2017-10-05');
  });

  it('resolves months, years and spans at the precision the words give', () => {
    expect(resolve('in September')).toBe('2017-09');
    expect(resolve('in November')).toBe('2016-11');
    expect(resolve('since 2015')).toBe('2015/..');
    expect(resolve('over the past month')).toBe('2017-09-11~/2017-10-11');
    expect(resolve('yesterday')).toBe('2017-10-10');
  });

  it('records the words and the anchor as the basis', () => {
    expect(resolveRelativeDate('on Monday', published).basis).toBe('"on Monday", relative to publication on 2017-10-11');
  });

  it('refuses words it cannot resolve, and weekdays against a month-precise publication', () => {
    expect(() => resolveRelativeDate('soon', published, ['date'])).toThrow(InputError);
    expect(() => resolveRelativeDate('on Monday', parseFuzzyDate('2017-10'), ['date'])).toThrow(/known to the day/);
  });

  it('finds what several dates allow together, or that they contradict each other', () => {
    const common = (...expressions: string[]) => commonDate(expressions.map((e) => parseFuzzyDate(e)));
    expect(common('2017-09', '2017-09-10')?.edtf).toBe('2017-09-10');
    expect(common('2017-09-01/2017-09-20', '2017-09-10/2017-09-30')).toMatchObject({ edtf: '2017-09-10/2017-09-20', basis: "what 2 records' dates allow together" });
    expect(common('2015/..', '2017-10-11')?.edtf).toBe('2017-10-11');
    expect(common('../2017-10-11', '2017-10')?.edtf).toBe('2017-10-01/2017-10-11');
    expect(common('2017-09', '2017-10')).toBeNull();
    expect(common('2017-10-10')?.edtf).toBe('2017-10-10');
  });
});
