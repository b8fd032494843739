import type { Plugin } from 'graphql-yoga';
import type { Db } from '../db/client.ts';
import { InputError } from '../domain/errors.ts';
import { filterFromParams } from '../domain/filter.ts';
import { FILTER_PARAMS, type FilterParams } from '../domain/filter-params.ts';
import { EXPORTERS, startExport } from '../export/formats.ts';

const PATH = /^\/export\/([^/]+)$/;
const PARAMS = new Set<string>([...FILTER_PARAMS, 'type']);

/** The format named in the path; a malformed escape names no format. */
function decodeFormat(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new InputError(['format'], `"${segment}" is not a format name: use ${Object.keys(EXPORTERS).join(', ')}`);
  }
}

/**
 * GET /export/FORMAT?filter…: the export streamed as it is read, a batch of items per chunk, so
 * a large export neither sits in memory nor holds the server. A bad parameter is a 400 naming it,
 * an unknown format a 404, before any output.
 */
export function exportRoute(dbFor: (request: Request) => Db): Plugin {
  return {
    onRequest({ url, request, endResponse, fetchAPI }) {
      const match = PATH.exec(url.pathname);
      if (!match) return;
      const refuse = (status: number, error: InputError) =>
        endResponse(
          fetchAPI.Response.json(
            { errors: error.issues.map((i) => ({ message: `${i.path.join('.')}: ${i.message}`, extensions: { code: 'BAD_USER_INPUT', field: i.path.join('.') } })) },
            { status },
          ),
        );
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return endResponse(new fetchAPI.Response('Exports are read with GET', { status: 405, headers: { allow: 'GET, HEAD' } }));
      }
      try {
        const format = decodeFormat(match[1]!);
        const params = Object.fromEntries(url.searchParams) as FilterParams & { type?: string };
        if (url.searchParams.has('asOf')) {
          throw new InputError(['asOf'], 'an export as of an instant is made by `claimline export --as-of` (it rewinds a copy of the database, which a server does not make per request)');
        }
        const unknown = [...url.searchParams.keys()].filter((name) => !PARAMS.has(name));
        if (unknown.length) throw new InputError([unknown[0]!], `unknown parameter: use ${[...PARAMS].join(', ')}`);
        const { exporter, chunks } = startExport(dbFor(request), format, filterFromParams(params), { type: params.type });
        const encoder = new TextEncoder();
        const body = new fetchAPI.ReadableStream<Uint8Array>({
          pull(controller) {
            const next = chunks.next();
            if (next.done) controller.close();
            else controller.enqueue(encoder.encode(next.value));
          },
          cancel() {
            chunks.return(undefined);
          },
        });
        const name = `claimline-${format}${params.type ? `-${params.type}` : ''}.${exporter.extension}`;
        endResponse(new fetchAPI.Response(body, { headers: { 'content-type': exporter.contentType, 'content-disposition': `attachment; filename="${name}"` } }));
      } catch (error) {
        // An unknown format is a missing resource; any other bad parameter, a bad request.
        if (error instanceof InputError) return refuse(error.field[0] === 'format' ? 404 : 400, error);
        // Anything else is a fault: logged here, masked for the client (no stack, no path).
        console.error('claimline: export failed:', error);
        return endResponse(fetchAPI.Response.json({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }, { status: 500 }));
      }
    },
  };
}
