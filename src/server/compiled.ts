import { getOperationAST, valueFromASTUntyped, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

// Queries run compiled: graphql-jit turns an operation into one JavaScript function, so a page of hundreds of objects costs property reads rather than the general
// executor's walk of each field. Mutations and subscriptions keep graphql-js (the executor yoga
// ships): they are few per client and a subscription's filter runs there as written.
//
// A document is compiled the second time it runs (compiling a large one costs several of its
// executions): a client's repeated queries run compiled, one-off documents never pay for it.
// graphql-jit takes ~100 ms to load: it is loaded once the server has answered its first query,
// so that a cold start does not wait for it. (Loading needs the event loop to turn: code that
// embeds the app and runs requests back to back in-process awaits loadCompiler() first.)

let jit: typeof import('graphql-jit') | undefined;
let loading: Promise<void> | undefined;

/** Loads the compiler, once per process; queries run on graphql-js until it has. */
export const loadCompiler = (): Promise<void> => (loading ??= import('graphql-jit').then((module) => void (jit = module)));

/** Errors first, as graphql-js answers (the spec's advice for a serialized response). */
const errorsFirst = (result: ExecutionResult) => (result.errors ? { errors: result.errors, ...result } : result);

let compiledRuns = 0;
/** How many query executions have run compiled in this process (tests check that they do). */
export const compiledExecutions = () => compiledRuns;

/**
 * The variables as sent, with each omitted variable that declares a default given that default.
 * graphql-js lets `$name: String! = "x"` be omitted; graphql-jit refuses the omission of a
 * non-null variable before it looks at the default, so the default is supplied here, as the
 * client would have written it.
 */
function withDefaults(operation: NonNullable<ReturnType<typeof getOperationAST>>, given: Record<string, unknown> | undefined) {
  let variables = given;
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (definition.defaultValue && (variables === undefined || !(name in variables))) {
      variables = { ...variables, [name]: valueFromASTUntyped(definition.defaultValue) };
    }
  }
  return variables;
}

/** Executes each query operation run more than once through a compiled function, cached per document and operation. */
export function compiledQueries(schema: GraphQLSchema): Plugin {
  // Keyed by the parsed document, which yoga's parser cache keeps per query text (and drops in
  // its own bounded order): the compiled functions live exactly as long as their documents.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null | 'ran once'>>();
  return {
    onExecute({ args, setExecuteFn }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'query') return;
      if (!jit) {
        // After this answer has gone out.
        if (!loading) setTimeout(() => void loadCompiler(), 0).unref();
        return;
      }
      let operations = compiled.get(args.document);
      if (!operations) compiled.set(args.document, (operations = new Map()));
      const name = args.operationName ?? '';
      let query = operations.get(name);
      if (query === undefined) return void operations.set(name, 'ran once');
      if (query === 'ran once') {
        const made = jit.compileQuery(schema, args.document, args.operationName ?? undefined);
        // What graphql-jit cannot compile is left to graphql-js, which runs or reports it.
        operations.set(name, (query = jit.isCompiledQuery(made) ? made : null));
      }
      if (query === null) return;
      const run = query;
      compiledRuns += 1;
      setExecuteFn((execution) => {
        const result = run.query(execution.rootValue, execution.contextValue, withDefaults(operation, execution.variableValues as Record<string, unknown> | undefined));
        return (result instanceof Promise ? result.then(errorsFirst) : errorsFirst(result)) as never;
      });
    },
  };
}
