import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { InputError } from '../domain/errors.ts';

/**
 * A client's mistake (bad ID, page size, EDTF, cursor) as a typed GraphQL error: its message,
 * code BAD_USER_INPUT, and the offending argument in `extensions.field`. It has no originalError,
 * so yoga's masking passes it through, while every other error is masked as "Unexpected error."
 * and logged.
 */
function typed(error: GraphQLError): GraphQLError {
  const original = error.originalError;
  const options = { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path };
  if (original instanceof InputError) {
    return new GraphQLError(original.message, {
      ...options,
      extensions: {
        code: 'BAD_USER_INPUT',
        field: original.field.join('.'),
        issues: original.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
      },
    });
  }
  if (original instanceof PothosValidationError) return new GraphQLError(original.message, { ...options, extensions: { code: 'BAD_USER_INPUT' } });
  return error;
}

export function typedInputErrors(): Plugin {
  return {
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if (!('errors' in result) || !result.errors?.length) return;
        setResult({ ...result, errors: result.errors.map(typed) });
      },
    }),
  };
}
