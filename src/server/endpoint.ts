// How a bound address is shown: `host:port` as bound (IPv6 in brackets), and the GraphQL URL a
// browser can open (a wildcard address is reached at localhost). One process or several workers
// announce it the same way.
const WILDCARDS = new Set(['0.0.0.0', '::', '']);

export function endpoint(address: string | null | undefined, port: number): { address: string; url: string } {
  const bound = address ?? '';
  const host = bound.includes(':') ? `[${bound}]` : bound;
  return { address: `${host}:${port}`, url: `http://${WILDCARDS.has(bound) ? 'localhost' : host}:${port}/graphql` };
}
