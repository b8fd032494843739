import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

/** Reads a subgraph's federation SDL from its `_service { sdl }` field. */
async function subgraphSdl({ name, url }: SubgraphEndpoint): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = (await response.json()) as { data?: { _service?: { sdl?: string } }; errors?: { message: string }[] };
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`subgraph ${name} at ${url} gave no _service.sdl: ${JSON.stringify(body.errors ?? body)}`);
  return sdl;
}

/** Composes a supergraph from running subgraphs, with The Guild's federation composition. */
export async function composeSupergraph(subgraphs: readonly SubgraphEndpoint[]): Promise<string> {
  const services = await Promise.all(subgraphs.map(async (s) => ({ name: s.name, url: s.url, typeDefs: parse(await subgraphSdl(s)) })));
  const result = composeServices(services);
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  return result.supergraphSdl;
}

/** A Hive Gateway over a composed supergraph; it never listens (serve it with node:http, or call fetch). */
export function createGateway(supergraphSdl: string) {
  return createGatewayRuntime({ supergraph: supergraphSdl, logging: false });
}
