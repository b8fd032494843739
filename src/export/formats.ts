import type { Db } from '../db/client.ts';
import { InputError } from '../domain/errors.ts';
import type { TimelineFilter } from '../domain/timeline.ts';
import { bundle } from './bundle.ts';
import { csv } from './csv.ts';
import { graphMl } from './graphml.ts';
import { schemaOrg } from './schema-org.ts';
import { timelineJs } from './timelinejs.ts';
import { webAnnotation } from './web-annotation.ts';

/** An export format: what it is, and its text, written a batch at a time as it is read. */
export interface Exporter {
  contentType: string;
  extension: string;
  description: string;
  render(db: Db, filter: TimelineFilter, options: { type?: string }): Generator<string>;
}

/** The export formats, by the name the CLI (--format) and the URL (/export/NAME) use. */
export const EXPORTERS: Record<string, Exporter> = {
  timelinejs: timelineJs,
  graphml: graphMl,
  csv,
  jsonld: schemaOrg,
  annotations: webAnnotation,
  bundle,
};

/**
 * Starts an export: checks the format, and renders the first chunk at once, so that a bad filter
 * or record type is refused before any output; the rest is rendered as it is pulled.
 */
export function startExport(db: Db, name: string, filter: TimelineFilter, options: { type?: string }): { exporter: Exporter; chunks: Generator<string> } {
  const chosen = EXPORTERS[name];
  if (!chosen) throw new InputError(['format'], `unknown export format "${name}": use ${Object.keys(EXPORTERS).join(', ')}`);
  const generator = chosen.render(db, filter, options);
  const head = generator.next();
  return { exporter: chosen, chunks: resume(head, generator) };
}

function* resume(head: IteratorResult<string>, rest: Generator<string>): Generator<string> {
  if (head.done) return;
  yield head.value;
  yield* rest;
}
