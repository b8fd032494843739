import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { InputError } from '../domain/errors.ts';

/**
 * Turns expected failures into typed GraphQL errors and masks everything else. A client's mistake
 * (bad ID, page size, EDTF, cursor) keeps its message and gets code BAD_USER_INPUT with the
 * offending argument named in `extensions.field`; an unexpected fault says only "Unexpected error."
 */
export function maskError(error: unknown, message: string): Error {
  if (!(error instanceof GraphQLError)) return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  const original = error.originalError;
  const typed = (text: string, extensions: Record<string, unknown>) =>
    new GraphQLError(text, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions });
  if (original instanceof InputError) {
    return typed(original.message, {
      code: 'BAD_USER_INPUT',
      field: original.field.join('.'),
      issues: original.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  }
  if (original instanceof PothosValidationError) return typed(original.message, { code: 'BAD_USER_INPUT' });
  // Errors graphql-js raised itself (syntax, validation, variable coercion) are the client's and safe to show.
  if (!original || original instanceof GraphQLError) return error;
  console.error(original);
  return typed(message, { code: 'INTERNAL_SERVER_ERROR' });
}
