import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { InputError, LimitExceeded } from '../domain/errors.ts';

/**
 * A client's mistake (bad ID, page size, EDTF, cursor) as a typed GraphQL error: its message,
 * code BAD_USER_INPUT, and the offending argument in `extensions.field`. It has no originalError,
 * so yoga's masking passes it through, while every other error is masked as "Unexpected error."
 * and logged. Takes a located GraphQL error, or the bare error a validation rule reported.
 */
export function typed(error: GraphQLError | Error): GraphQLError {
  const located = error instanceof GraphQLError ? error : null;
  // Pothos's validation errors are GraphQL errors themselves, as a validation rule reports them.
  const original = located && !(error instanceof PothosValidationError) ? located.originalError : error;
  const options = located ? { nodes: located.nodes, source: located.source, positions: located.positions, path: located.path } : {};
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
  if (original instanceof LimitExceeded) {
    return new GraphQLError(original.message, { ...options, extensions: { code: original.code, limit: original.limit, requested: original.requested, ...(original.field.length ? { field: original.field.join('.') } : {}) } });
  }
  return located ?? new GraphQLError(error.message, { originalError: error });
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
