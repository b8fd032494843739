import { printSchema } from 'graphql';
import { schema } from './schema.ts';

/** The SDL as checked in under schema/: a test fails when the code drifts from it. */
export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}
