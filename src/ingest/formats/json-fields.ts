import { textProblem } from '../../domain/validation.ts';
import { RowError } from '../rows.ts';

/** Reads fields of one JSON record by dotted path, refusing wrong types with the record's line. */
export class JsonFields {
  constructor(
    readonly record: Record<string, unknown>,
    readonly line: number,
  ) {}

  static of(value: unknown, line: number): JsonFields {
    if (value instanceof RowError) throw value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RowError(line, null, 'is not a JSON object');
    return new JsonFields(value as Record<string, unknown>, line);
  }

  error(path: string, reason: string): RowError {
    return new RowError(this.line, path, reason);
  }

  get(path: string): unknown {
    return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), this.record);
  }

  /** A text exactly as the record writes it (spaces kept); null when missing, empty or only spaces. */
  text(path: string): string | null {
    const value = this.get(path);
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' && typeof value !== 'number') throw this.error(path, `is ${JSON.stringify(value).slice(0, 40)}, not text`);
    const problem = typeof value === 'string' ? textProblem(value) : null;
    if (problem) throw this.error(path, problem);
    const text = String(value);
    return text.trim() === '' ? null : text;
  }

  required(path: string): string {
    const value = this.text(path);
    if (value === null) throw this.error(path, 'is missing');
    return value;
  }

  number(path: string): number | null {
    const value = this.get(path);
    if (value === undefined || value === null || value === '') return null;
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n)) throw this.error(path, `"${String(value)}" is not a number`);
    return n;
  }

  /** A list of objects, whether the record holds one object or an array of them. */
  objects(path: string): Record<string, unknown>[] {
    const value = this.get(path);
    if (value === undefined || value === null || value === '') return [];
    const list = Array.isArray(value) ? value : [value];
    for (const entry of list) if (typeof entry !== 'object' || entry === null) throw this.error(path, `is ${JSON.stringify(entry).slice(0, 40)}, not an object or a list of objects`);
    return list as Record<string, unknown>[];
  }
}
