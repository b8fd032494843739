import type { Line } from './rows.ts';
import type { BulkWriter } from '../domain/bulk.ts';

/** One record of an input file, with the line it starts on; a RowError when it could not even be split. */
export interface Row {
  line: number;
  bytes: number;
  value: unknown;
}

/** A validated row: its natural key (null where rows may repeat, as GDELT mentions do) and what stages its records. */
export interface Parsed {
  key: string | null;
  write: (writer: BulkWriter) => void;
}

/**
 * An import format: how to split an input into rows, and how to read one row. `parse` validates
 * the whole row without writing (throwing RowError for a bad one) and returns what writes it, or
 * null for a row that holds no record (a header, a blank line, a documentation record).
 */
export interface ImportFormat {
  /** The namespace of the format's natural keys (GLOBALEVENTID, event_id_cnty, …). */
  namespace: string;
  description: string;
  /** The column or field holding the natural key, for the error a duplicate gets. */
  keyColumn: string;
  rows(lines: AsyncIterable<Line>): AsyncIterable<Row>;
  parse(row: Row): Parsed | null;
}

export const parsed = (key: string | null, write: Parsed['write']): Parsed => ({ key, write });
