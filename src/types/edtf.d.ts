// edtf ships no type declarations; this covers the part claimline uses.
declare module 'edtf' {
  interface Bitmask {
    value: number;
  }
  export interface ExtDate {
    type: 'Date' | 'Year' | 'Season' | 'Interval' | 'Set' | 'List' | 'Decade' | 'Century';
    edtf: string;
    /** Epoch milliseconds; null for an unknown end, ±Infinity for an open one. */
    min: number | null;
    max: number | null;
    /** 0 time, 1 year, 2 month, 3 day (Date); undefined for other types. */
    precision?: number;
    approximate?: Bitmask;
    uncertain?: Bitmask;
    lower?: ExtDate | null;
    upper?: ExtDate | null;
    values?: ExtDate[];
  }
  export default function edtf(input: string): ExtDate;
}
