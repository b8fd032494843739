import { getOperationAST, GraphQLError, Kind, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LimitExceeded } from '../domain/errors.ts';
import type { Limits } from './config.ts';
import type { Editor } from './editor.ts';
import { useOf } from '../db/statements.ts';
import type { Context } from '../graphql/context.ts';
import { limitError } from './limits.ts';

/** The instants the root fields of the operation ask for with `asOf` (literal or variable). */
function requestedInstants(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): string[] {
  const operation = getOperationAST(document, operationName);
  if (!operation) return [];
  const found = new Set<string>();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const arg = selection.arguments?.find((a) => a.name.value === 'asOf');
    if (!arg) continue;
    const value = arg.value.kind === Kind.VARIABLE ? variables?.[arg.value.name.value] : arg.value.kind === Kind.STRING ? arg.value.value : null;
    if (typeof value === 'string') found.add(value);
  }
  return [...found];
}

const refuse = (message: string) => ({ errors: [new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field: 'asOf' } })] });

/**
 * Executes a request that names `asOf` against the database as it stood then: its every field,
 * nested ones included, reads the rewound snapshot the editor provides.
 */
export function asOfReads(editor: Editor, limits: Pick<Limits, 'asOfRowChanges'>): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      const instants = requestedInstants(args.document, args.operationName, args.variableValues as Record<string, unknown>);
      if (instants.length === 0) return;
      if (instants.length > 1) return setResultAndStopExecution(refuse(`one asOf per request: this one asks for ${instants.join(' and ')}`));
      const instant = new Date(instants[0]!);
      // An invalid instant is left to the DateTime scalar, which names it.
      if (Number.isNaN(instant.getTime())) return;
      if (editor.asOfUnavailable) return setResultAndStopExecution(refuse(editor.asOfUnavailable));
      setExecuteFn(async (execution) => {
        try {
          return await editor.readAsOf(instant, limits.asOfRowChanges, (db) => Promise.resolve(executeFn({ ...execution, contextValue: { ...(execution.contextValue as object), db } }) as never), useOf((execution.contextValue as Context).db));
        } catch (error) {
          if (error instanceof LimitExceeded) return { errors: [limitError(error.code, error.message, error.limit, error.requested, { field: 'asOf' })] };
          throw error;
        }
      });
    },
  };
}
