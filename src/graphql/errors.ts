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

/** Typed errors in every answer: of a query or mutation, and of each event of a subscription. */
export function typedInputErrors(): Plugin {
  type Result = { errors?: readonly GraphQLError[] };
  const retype = ({ result, setResult }: { result: unknown; setResult: (r: never) => void }) => {
    const answer = result as Result;
    if (!answer || typeof answer !== 'object' || !('errors' in answer) || !answer.errors?.length) return;
    setResult({ ...answer, errors: answer.errors.map(typed) } as never);
  };
  return {
    onExecute: () => ({ onExecuteDone: retype }),
    onSubscribe: () => ({
      onSubscribeResult: (payload) => {
        retype(payload); // a subscription refused as it starts (a bad filter)
        return { onNext: retype };
      },
    }),
  };
}
