import { boundDate, dateFacets } from '../../domain/fuzzy-date.ts';
import { builder } from '../builder.ts';
import { DatePrecision } from './enums.ts';

/** A stored fuzzy date: its EDTF expression and bounds as stored; the rest is derived on demand. */
export interface StoredDate {
  edtf: string;
  earliest: number;
  latest: number;
  basis: string | null;
}

/** A stored instant as a DateTime; null for an open end. */
export const instant = boundDate;

export const FuzzyDate = builder.objectRef<StoredDate>('FuzzyDate').implement({
  description:
    'A date exactly as vague as its source: an EDTF (ISO 8601-2) expression and the earliest and latest instants it allows. Sort and filter by earliest/latest; show `label`.',
  fields: (t) => ({
    edtf: t.exposeString('edtf', { description: 'The EDTF expression, e.g. "2017-10-10", "2017-09", "2017-09~" (about), "2015/.." (since 2015, open-ended).' }),
    earliest: t.field({ type: 'DateTime', nullable: true, description: 'The earliest instant the date allows; null only for an open or unknown start.', resolve: (d) => instant(d.earliest) }),
    latest: t.field({ type: 'DateTime', nullable: true, description: 'The latest instant the date allows (end of the last day, month or year); null only for an open or unknown end.', resolve: (d) => instant(d.latest) }),
    precision: t.field({ type: DatePrecision, description: 'The finest unit the date states.', resolve: (d) => dateFacets(d.edtf).precision }),
    approximate: t.boolean({ description: 'Whether the source gives the date as approximate ("about", "over the past month"): EDTF `~`.', resolve: (d) => dateFacets(d.edtf).approximate }),
    uncertain: t.boolean({ description: 'Whether the source is unsure of the date: EDTF `?`.', resolve: (d) => dateFacets(d.edtf).uncertain }),
    label: t.string({ description: 'A short English label, e.g. "10 October 2017", "September 2017", "since 2015".', resolve: (d) => dateFacets(d.edtf).label }),
    basis: t.exposeString('basis', {
      nullable: true,
      description: 'How the date was derived from the source’s words, when it was resolved, e.g. "\\"on Monday\\", relative to publication on 2017-10-11".',
    }),
  }),
});
