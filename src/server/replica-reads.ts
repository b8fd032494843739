import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Db } from '../db/client.ts';
import type { ReadReplicas } from '../db/replicas.ts';
import { forRequest, useOf } from '../db/statements.ts';
import { bearerToken, keyNames } from '../domain/keys.ts';
import type { Context } from '../graphql/context.ts';

/**
 * Queries read on a hot standby (src/db/replicas.ts chooses which); mutations and subscriptions
 * run on the primary. A query whose standby fails under it (the standby stopped) is answered
 * again from the primary: a read changes nothing, so running it twice is safe.
 */
export function replicaReads(primary: Db, replicas: ReadReplicas): Plugin {
  const keyName = keyNames();
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      setExecuteFn(async (execution) => {
        const context = execution.contextValue as Context;
        const token = bearerToken(context.authorization);
        let db: Db;
        try {
          db = replicas.forRead(token ? keyName(primary, token) : null);
        } catch {
          // The primary is away (a key and its newest change are read there): the read runs on
          // the primary, and answers as any read does then (DATABASE_UNAVAILABLE until it is back).
          return executeFn(execution);
        }
        if (db === primary) return executeFn(execution);
        const use = useOf(context.db);
        const on = (chosen: Db) => executeFn({ ...execution, contextValue: { ...context, db: use ? forRequest(chosen, use) : chosen } });
        const result = (await on(db)) as { errors?: readonly unknown[] };
        if (result.errors?.length && !replicas.answers(db)) return executeFn(execution);
        return result as never;
      });
    },
  };
}
