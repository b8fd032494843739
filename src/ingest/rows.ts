import type { Readable } from 'node:stream';

/** A bad row: where it is (line, and column where one is to blame) and why it was refused. */
export class RowError extends Error {
  readonly line: number;
  readonly column: string | null;
  readonly reason: string;
  constructor(line: number, column: string | null, reason: string) {
    super(`line ${line}${column ? `, column ${column}` : ''}: ${reason}`);
    this.name = 'RowError';
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

export interface Line {
  /** Null when the line's bytes are not UTF-8: the row that holds it is refused. */
  text: string | null;
  /** 1-based line number. */
  number: number;
  /** Bytes read so far, for progress. */
  bytes: number;
  /** True for a last line with no line ending: the input may have been cut off. */
  unterminated?: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
export const NOT_UTF8 = 'is not valid UTF-8 (convert the file to UTF-8 first)';

/** Streams the lines of an input; a line whose bytes are not UTF-8 comes with null text. */
export async function* readLines(input: Readable): AsyncGenerator<Line> {
  let pending: Buffer = Buffer.alloc(0);
  let number = 0;
  let bytes = 0;
  const decode = (raw: Buffer) => {
    number += 1;
    let text: string;
    try {
      text = decoder.decode(raw);
    } catch {
      return { text: null, number, bytes };
    }
    if (number === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text: text.endsWith('\r') ? text.slice(0, -1) : text, number, bytes };
  };
  for await (const chunk of input as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    const data = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(10, start); end !== -1; end = data.indexOf(10, start)) {
      yield decode(data.subarray(start, end));
      start = end + 1;
    }
    pending = Buffer.from(data.subarray(start));
  }
  if (pending.length) yield { ...decode(pending), unterminated: true };
}

/**
 * Splits CSV (RFC 4180: quoted fields may hold delimiters, doubled quotes and line breaks) into
 * records, each with the line it starts on.
 */
export async function* csvRecords(lines: AsyncIterable<Line>, delimiter = ','): AsyncGenerator<{ fields: string[] | RowError; line: number; bytes: number }> {
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let startLine = 0;
  for await (const { text, number, bytes } of lines) {
    if (text === null) {
      // Not UTF-8: the record is refused whole (a quoted field in progress ends with it).
      quoted = false;
      yield { fields: new RowError(number, null, NOT_UTF8), line: number, bytes };
      continue;
    }
    if (!quoted) {
      startLine = number;
      fields = [];
      field = '';
    } else {
      field += '\n';
    }
    for (let i = 0; i < text.length; i += 1) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"' && field === '') quoted = true;
      else if (c === delimiter) {
        fields.push(field);
        field = '';
      } else field += c;
    }
    if (!quoted) {
      fields.push(field);
      yield { fields, line: startLine, bytes };
    }
  }
  if (quoted) yield { fields: new RowError(startLine, null, 'ends inside a quoted field (the file is truncated)'), line: startLine, bytes: 0 };
}

/**
 * Splits JSON input into records: the elements of a top-level array (streamed), one value per
 * line (JSON Lines), or else the whole input as one document.
 */
export async function* jsonRecords(lines: AsyncIterable<Line>): AsyncGenerator<{ value: unknown; line: number; bytes: number }> {
  let mode: 'array' | 'lines' | 'document' | null = null;
  let buffer = '';
  let start = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let lastBytes = 0;
  const parse = (text: string, line: number, bytes: number) => {
    try {
      return { value: JSON.parse(text) as unknown, line, bytes };
    } catch (error) {
      return { value: new RowError(line, null, `is not valid JSON: ${(error as Error).message}`), line, bytes };
    }
  };
  for await (const { text, number, bytes } of lines) {
    lastBytes = bytes;
    if (text === null) {
      yield { value: new RowError(number, null, NOT_UTF8), line: number, bytes };
      continue;
    }
    if (mode === null) {
      const trimmed = text.trim();
      if (trimmed === '') continue;
      if (trimmed.startsWith('[')) mode = 'array';
      else {
        try {
          JSON.parse(trimmed);
          mode = 'lines';
        } catch {
          mode = 'document';
          start = number;
        }
      }
    }
    if (mode === 'lines') {
      if (text.trim()) yield parse(text, number, bytes);
      continue;
    }
    if (mode === 'document') {
      buffer += `${text}\n`;
      continue;
    }
    // Array mode: cut top-level elements by tracking strings and nesting depth.
    for (const c of `${text}\n`) {
      if (inString) {
        buffer += c;
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (depth === 0) {
        if (c === '[') depth = 1;
        continue;
      }
      if (depth === 1 && (c === ',' || c === ']')) {
        if (buffer.trim()) yield parse(buffer, start, bytes);
        buffer = '';
        if (c === ']') depth = 0;
        continue;
      }
      if (depth === 1 && buffer.trim() === '' && c.trim() !== '') start = number;
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth += 1;
      else if (c === '}' || c === ']') depth -= 1;
      buffer += c;
    }
  }
  if (mode === 'document' && buffer.trim()) yield parse(buffer, start, lastBytes);
  if (mode === 'array' && depth !== 0) yield { value: new RowError(start, null, 'ends inside the array (the file is truncated)'), line: start, bytes: lastBytes };
}
