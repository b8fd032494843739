import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

/** A subgraph that did not answer: worth asking again (a composition error is not). */
export class SubgraphUnreachable extends Error {}

/** Reads a subgraph's federation SDL from its `_service { sdl }` field, waiting at most `timeoutMs`. */
async function subgraphSdl({ name, url }: SubgraphEndpoint, timeoutMs: number): Promise<string> {
  let body: { data?: { _service?: { sdl?: string } }; errors?: { message: string }[] };
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = (await response.json()) as typeof body;
  } catch (error) {
    const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new SubgraphUnreachable(`subgraph ${name} at ${url} did not answer: ${cause}`);
  }
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`subgraph ${name} at ${url} gave no _service.sdl: ${JSON.stringify(body.errors ?? body)}`);
  return sdl;
}

export interface ComposeOptions {
  /** Attempts before giving up on a subgraph that does not answer (default 6). */
  attempts?: number;
  /** The wait before the second attempt; it doubles after each (default 500 ms). */
  delayMs?: number;
  timeoutMs?: number;
  /** Told of each failed attempt and the wait before the next. */
  onRetry?: (error: Error, attempt: number, waitMs: number) => void;
}

/**
 * Composes a supergraph from running subgraphs, with The Guild's federation composition. A
 * subgraph that does not answer is asked again with a growing wait; one that still does not, or
 * a composition that fails, is an error naming it.
 */
export async function composeSupergraph(subgraphs: readonly SubgraphEndpoint[], options: ComposeOptions = {}): Promise<string> {
  const { attempts = 6, delayMs = 500, timeoutMs = 5000, onRetry } = options;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const services = await Promise.all(subgraphs.map(async (s) => ({ name: s.name, url: s.url, typeDefs: parse(await subgraphSdl(s, timeoutMs)) })));
      const result = composeServices(services);
      if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
      return result.supergraphSdl;
    } catch (error) {
      if (!(error instanceof SubgraphUnreachable) || attempt >= attempts) throw error;
      const wait = delayMs * 2 ** (attempt - 1);
      onRetry?.(error, attempt, wait);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** A Hive Gateway over a composed supergraph; it never listens (serve it with node:http, or call fetch). */
export function createGateway(supergraphSdl: string) {
  return createGatewayRuntime({ supergraph: supergraphSdl, logging: false });
}
