import { PothosValidationError } from '@pothos/core';
import { GraphQLError, type GraphQLErrorOptions, type Source } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { InputError, LimitExceeded, ReadOnlyError } from '../domain/errors.ts';
import { CONNECTION_LOST, PgError } from '../db/postgres.ts';

/**
 * A client's mistake (bad ID, page size, EDTF, cursor) as a typed GraphQL error: its message,
 * code BAD_USER_INPUT, and the offending argument in `extensions.field`. It has no originalError,
 * so yoga's masking passes it through, while every other error is masked as "Unexpected error."
 * and logged. Takes a located GraphQL error, or the bare error a validation rule reported.
 */
export function typed(error: GraphQLError | Error, source?: Source): GraphQLError {
  const located = error instanceof GraphQLError ? error : null;
  // Pothos's validation errors are GraphQL errors themselves, as a validation rule reports them.
  const original = located && !(error instanceof PothosValidationError) ? located.originalError : error;
  const options: GraphQLErrorOptions = located ? { nodes: located.nodes, path: located.path, ...sourcePositions(located, source) } : {};
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
  if (original instanceof ReadOnlyError) return new GraphQLError(original.message, { ...options, extensions: { code: original.code } });
  // Not the client's doing, but said as it is: the database is away for now (the request's log
  // line and /metrics count the code).
  if (original instanceof PgError && original.code === CONNECTION_LOST) {
    return new GraphQLError('The database is not answering: claimline is connecting to it again. Retry shortly.', { ...options, extensions: { code: 'DATABASE_UNAVAILABLE' } });
  }
  if (original instanceof PothosValidationError) return new GraphQLError(original.message, { ...options, extensions: { code: 'BAD_USER_INPUT' } });
  if (original instanceof LimitExceeded) {
    return new GraphQLError(original.message, { ...options, extensions: { code: original.code, limit: original.limit, requested: original.requested, ...(original.field.length ? { field: original.field.join('.') } : {}) } });
  }
  if (!located) return new GraphQLError(error.message, { originalError: error });
  // Any other error keeps its original (to be masked and logged), now with its place in the document.
  return options.positions && !located.positions ? new GraphQLError(located.message, { ...options, originalError: located.originalError, extensions: located.extensions }) : located;
}

/**
 * Where an error points in its document: its own source and positions, or, for a compiled
 * query's error (which carries only line and column), the positions of those in `source`.
 */
function sourcePositions(error: GraphQLError, source: Source | undefined): { source?: Source; positions?: readonly number[] } {
  if (error.nodes?.length || error.positions || !source || !error.locations) return { source: error.source, positions: error.positions };
  const starts = [0];
  for (let i = source.body.indexOf('\n'); i !== -1; i = source.body.indexOf('\n', i + 1)) starts.push(i + 1);
  return { source, positions: error.locations.map(({ line, column }) => (starts[line - 1] ?? 0) + column - 1) };
}

/** Typed errors in every answer: of a query or mutation, and of each event of a subscription. */
export function typedInputErrors(): Plugin {
  type Result = { errors?: readonly GraphQLError[] };
  const retype = (source: Source | undefined) => ({ result, setResult }: { result: unknown; setResult: (r: never) => void }) => {
    const answer = result as Result;
    if (!answer || typeof answer !== 'object' || !('errors' in answer) || !answer.errors?.length) return;
    setResult({ ...answer, errors: answer.errors.map((error) => typed(error, source)) } as never);
  };
  return {
    onExecute: ({ args }) => ({ onExecuteDone: retype(args.document.loc?.source) }),
    onSubscribe: ({ args }) => ({
      onSubscribeResult: (payload) => {
        const retyped = retype(args.document.loc?.source);
        retyped(payload); // a subscription refused as it starts (a bad filter)
        return { onNext: retyped };
      },
    }),
  };
}
