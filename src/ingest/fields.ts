import { InputError } from '../domain/errors.ts';
import { parseFuzzyDate, type FuzzyDate } from '../domain/fuzzy-date.ts';
import { textProblem } from '../domain/validation.ts';
import { RowError } from './rows.ts';

// Each format's columns are looked up by name in every row: the positions are worked out once.
const INDEXES = new WeakMap<readonly string[], Map<string, number>>();
function indexOf(columns: readonly string[]): ReadonlyMap<string, number> {
  let index = INDEXES.get(columns);
  if (!index) INDEXES.set(columns, (index = new Map(columns.map((c, i) => [c, i]))));
  return index;
}

/** Reads the named columns of one row, refusing bad values with the line and column. Empty is null: unknown stays unknown. */
export class Fields {
  private readonly index: ReadonlyMap<string, number>;
  constructor(
    private readonly values: readonly string[],
    columns: readonly string[],
    readonly line: number,
  ) {
    this.index = indexOf(columns);
  }

  error(column: string | null, reason: string): RowError {
    return new RowError(this.line, column, reason);
  }

  /** A value exactly as the row writes it (spaces kept); null when empty or only spaces. */
  text(column: string): string | null {
    const at = this.index.get(column);
    const value = at === undefined ? undefined : this.values[at];
    if (value === undefined || value.trim() === '') return null;
    const problem = textProblem(value);
    if (problem) throw this.error(column, problem);
    return value;
  }

  required(column: string): string {
    const value = this.text(column);
    if (value === null) throw this.error(column, 'is empty');
    return value;
  }

  number(column: string, min = -Infinity, max = Infinity): number | null {
    const value = this.text(column)?.trim() ?? null;
    if (value === null) return null;
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max) throw this.error(column, `"${value}" is not a number${min > -Infinity ? ` from ${min} to ${max}` : ''}`);
    return n;
  }

  integer(column: string, min = -Infinity, max = Infinity): number | null {
    const n = this.number(column, min, max);
    if (n !== null && !Number.isInteger(n)) throw this.error(column, `"${this.text(column)}" is not a whole number`);
    return n;
  }

  /** A date as an EDTF expression (validated, so "2019-02-30" is refused). */
  date(column: string, edtf: string, basis: string | null = null): FuzzyDate {
    try {
      const date = parseFuzzyDate(edtf, [column], basis);
      if (/^\d{4}-\d{2}-\d{2}$/.test(edtf) && new Date(date.earliest).toISOString().slice(0, 10) !== edtf) throw new InputError([column], 'no such day');
      return date;
    } catch (error) {
      if (error instanceof InputError) throw this.error(column, `"${this.text(column) ?? edtf}" is not a valid date`);
      throw error;
    }
  }

  /** A compact GDELT date (YYYYMMDD or YYYYMMDDhhmmss) as an EDTF day. */
  compactDay(column: string): string | null {
    const value = this.text(column);
    if (value === null) return null;
    const match = value.match(/^(\d{4})(\d{2})(\d{2})(\d{6})?$/);
    if (!match) throw this.error(column, `"${value}" is not a date in YYYYMMDD form`);
    return `${match[1]}-${match[2]}-${match[3]}`;
  }

  /** Both coordinates or neither; each within its range. */
  coordinates(latitude: string, longitude: string): { latitude: number; longitude: number } | null {
    const lat = this.number(latitude, -90, 90);
    const lon = this.number(longitude, -180, 180);
    if ((lat === null) !== (lon === null)) throw this.error(lat === null ? latitude : longitude, 'is empty while the other coordinate is given');
    return lat === null || lon === null ? null : { latitude: lat, longitude: lon };
  }
}
