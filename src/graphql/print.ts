import { printSubgraphSchema } from '@apollo/subgraph';
import { printSchema } from 'graphql';
import { schema } from './schema.ts';

// The SDLs checked in under schema/: a test fails when the code drifts from them.

/** The schema as clients see it (graphql-js printer). */
export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}

/** The federation subgraph SDL, with @link, @key and @shareable (graphql-js's printer drops them). */
export function printedSubgraphSchema(): string {
  return `${printSubgraphSchema(schema)}\n`;
}
