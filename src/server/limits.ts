import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { createComplexityRule } from '@pothos/plugin-complexity';
import {
  getArgumentValues,
  getNamedType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  validate,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Db } from '../db/client.ts';
import { useOf } from '../db/statements.ts';
import type { Context } from '../graphql/context.ts';
import { InputError, LimitExceeded } from '../domain/errors.ts';
import { bearerToken, keyNames } from '../domain/keys.ts';
import { resultCost, type ArgumentLimits } from '../graphql/cost.ts';
import { typed } from '../graphql/errors.ts';
import type { Limits } from './config.ts';
import { SlidingWindowLimiter, type SpendingShare } from './rate-limit.ts';

// Every limit on a request, enforced before any resolver or SQL runs. A refusal is a GraphQL
// error whose extensions name the limit (`code`), its value (`limit`) and what the request asked
// for (`requested`). README: Limits.

/** A refusal for going over a limit. */
export function limitError(code: string, message: string, limit: number, requested: number | null, extensions: Record<string, unknown> = {}): GraphQLError {
  return createGraphQLError(message, { extensions: { code, limit, requested, ...extensions } });
}

const n = (value: number) => value.toLocaleString('en');

/**
 * graphql-armor's rules report "… limit of N exceeded, found M."; each becomes a typed refusal
 * reported to the validation context (yoga caches validation per document: these limits depend
 * on the document alone).
 */
function armorRejection(code: string, what: string, variable: string, limit: number) {
  return (ctx: ValidationContext | null, error: GraphQLError) => {
    const found = /found (\d+)/.exec(error.message);
    const requested = found ? Number(found[1]) : null;
    ctx?.reportError(limitError(code, `The query has ${requested === null ? 'too many' : n(requested)} ${what}; claimline allows ${n(limit)} (${variable}).`, limit, requested));
  };
}

/** Each field's arguments in the operation, coerced as execution will see them, with their types. */
function* argumentsOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>) {
  const operation = getOperationAST(document, operationName);
  if (!operation) return;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return; // execution reports them
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const seen = new Set<string>();
  const root = schema.getRootType(operation.operation);
  if (!root) return;
  const walk = function* (set: SelectionSetNode, typeName: string): Generator<{ field: string; name: string; type: GraphQLInputType; value: unknown; extensions: Record<string, unknown> }> {
    const type = schema.getType(typeName);
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        yield* walk(selection.selectionSet, selection.typeCondition?.name.value ?? typeName);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        seen.add(fragment.name.value);
        yield* walk(fragment.selectionSet, fragment.typeCondition.name.value);
      } else if (type && (isObjectType(type) || isInterfaceType(type))) {
        const definition = type.getFields()[selection.name.value];
        if (!definition) continue; // introspection; unknown fields fail validation
        let values: Record<string, unknown>;
        try {
          values = getArgumentValues(definition, selection, coerced.coerced);
        } catch {
          continue; // execution reports the bad argument
        }
        for (const arg of definition.args) {
          if (values[arg.name] !== undefined) yield { field: definition.name, name: arg.name, type: arg.type, value: values[arg.name], extensions: arg.extensions as Record<string, unknown> };
        }
        if (selection.selectionSet) yield* walk(selection.selectionSet, getNamedType(definition.type).name);
      }
    }
  };
  yield* walk(operation.selectionSet, root.name);
}

/** The first list or string argument over its limit, or a failing argument check, as a refusal. */
function argumentRefusal(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>, limits: Limits): GraphQLError | null {
  const visit = (value: unknown, type: GraphQLInputType, path: string[], own: ArgumentLimits): GraphQLError | null => {
    if (value === null || value === undefined) return null;
    if (isNonNullType(type)) return visit(value, type.ofType, path, own);
    const field = path.join('.');
    if (isListType(type)) {
      const max = own.maxItems ?? limits.listItems;
      const items = value as unknown[];
      if (items.length > max) return limitError('MAX_LIST_SIZE', `${field} holds ${n(items.length)} items; claimline allows ${n(max)} (split the request).`, max, items.length, { field });
      for (const [i, item] of items.entries()) {
        const found = visit(item, type.ofType, [...path, String(i)], { maxLength: own.maxLength });
        if (found) return found;
      }
      return null;
    }
    if (isInputObjectType(type)) {
      for (const inner of Object.values(type.getFields())) {
        const found = visit((value as Record<string, unknown>)[inner.name], inner.type, [...path, inner.name], inner.extensions as ArgumentLimits);
        if (found) return found;
      }
      return null;
    }
    if (typeof value === 'string') {
      const max = own.maxLength ?? limits.stringLength;
      if (value.length > max) return limitError('MAX_STRING_LENGTH', `${field} is ${n(value.length)} characters long; claimline allows ${n(max)}.`, max, value.length, { field });
    }
    try {
      own.check?.(value as never, path);
    } catch (error) {
      if (error instanceof InputError || error instanceof LimitExceeded) return typed(error);
      throw error;
    }
    return null;
  };
  for (const arg of argumentsOf(schema, document, operationName, variables)) {
    const found = visit(arg.value, arg.type, [arg.name], arg.extensions as ArgumentLimits);
    if (found) return found;
  }
  return null;
}

/** The estimated cost of the operation, or its refusal; null when the operation cannot be measured (execution reports why). */
function measure(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>, context: object): { cost: number } | { errors: readonly GraphQLError[] } | null {
  let cost: number | null = null;
  let errors: readonly GraphQLError[];
  try {
    errors = run();
  } catch (error) {
    // The cost callbacks decode arguments (global IDs): a bad one is the client's mistake.
    if (error instanceof InputError || error instanceof LimitExceeded) return { errors: [typed(error)] };
    throw error;
  }
  if (errors.length) return { errors: errors.map((error) => typed(error)) };
  return cost === null ? null : { cost };

  function run() {
    return validate(schema, document, [
    createComplexityRule({
      context,
      variableValues: variables,
      operationName,
      validate: (result) => {
        cost = result.complexity;
      },
    }),
    ]);
  }
}

/** Who a request's cost is charged to: its API key, or else its client's address. */
function clientOf(db: Db, context: Record<string, unknown>, trustProxy: boolean, keyName: ReturnType<typeof keyNames>): string {
  const request = context.request as Request;
  const bearer = bearerToken(request.headers.get('authorization'));
  // Keys are looked up once every few seconds per token, so a refusal costs no SQL.
  const name = bearer ? keyName(db, bearer) : null;
  if (name) return `key:${name}`;
  const forwarded = trustProxy ? request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  const socket = (context.req as { socket?: { remoteAddress?: string } } | undefined)?.socket;
  return `address:${forwarded || socket?.remoteAddress || 'unknown'}`;
}

/**
 * A signal that aborts when the client goes away or when `ms` have passed. The deadline is also
 * checked whenever the signal is read: the executor reads it between fields, so a query whose
 * resolvers never yield to the event loop (where a timer could fire) stops too.
 */
function timeBudget(client: AbortSignal | undefined, ms: number) {
  const controller = new AbortController();
  const deadline = performance.now() + ms;
  const expire = () => controller.signal.aborted || controller.abort(new DOMException(`past its time budget of ${ms} ms`, 'TimeoutError'));
  const onClientGone = () => controller.abort(client!.reason);
  client?.addEventListener('abort', onClientGone, { once: true });
  const timer = setTimeout(expire, ms);
  timer.unref();
  const check = () => {
    if (performance.now() > deadline) expire();
  };
  const real = controller.signal;
  const signal = new Proxy(real, {
    get(target, property) {
      if (property === 'aborted') return check(), target.aborted;
      if (property === 'throwIfAborted') return () => (check(), target.throwIfAborted());
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    signal,
    expired: () => real.aborted && (real.reason as DOMException | undefined)?.name === 'TimeoutError',
    done: () => {
      clearTimeout(timer);
      client?.removeEventListener('abort', onClientGone);
    },
  };
}

/** How many sets of variables of one document keep their measured cost. */
const MEASURED_PER_DOCUMENT = 64;

export interface LimitsOptions {
  db: Db;
  limits: Limits;
  trustProxy?: boolean;
  /** The other server processes' spending, when there are several (see SpendingShare). */
  spending?: SpendingShare;
}

/**
 * The limits as a yoga plugin: body size and GET parameters as the request is parsed, tokens as
 * it is parsed, depth, aliases and directives as it is validated, then cost, argument sizes and
 * the client's rate before it executes, with the time budget while it runs. Answered queries
 * report their cost in `extensions.cost`, as Shopify's API does.
 */
export function requestLimits({ db, limits, trustProxy = false, spending }: LimitsOptions): Plugin {
  const limiter = limits.ratePoints > 0 ? new SlidingWindowLimiter(limits.ratePoints, limits.rateWindowMs, Date.now, spending) : null;
  const keys = keyNames();
  const tokens = maxTokensPlugin({
    n: limits.tokens,
    propagateOnRejection: false,
    onReject: [
      () => {
        throw limitError('MAX_TOKENS', `The document has more than ${n(limits.tokens)} tokens, the most claimline parses (CLAIMLINE_MAX_TOKENS).`, limits.tokens, null);
      },
    ],
  });
  const rules = [
    maxDepthRule({ n: limits.depth, flattenFragments: true, propagateOnRejection: false, onReject: [armorRejection('MAX_DEPTH', 'levels of nesting', 'CLAIMLINE_MAX_DEPTH', limits.depth)] }),
    maxAliasesRule({ n: limits.aliases, propagateOnRejection: false, onReject: [armorRejection('MAX_ALIASES', 'aliases', 'CLAIMLINE_MAX_ALIASES', limits.aliases)] }),
    maxDirectivesRule({ n: limits.directives, propagateOnRejection: false, onReject: [armorRejection('MAX_DIRECTIVES', 'directives', 'CLAIMLINE_MAX_DIRECTIVES', limits.directives)] }),
  ];

  // What an operation with its variables was found to cost, kept with its parsed document (which
  // yoga's parser cache keeps per query text): a client repeating a query is not measured again.
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  type Operation = { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null; variableValues?: Record<string, unknown> | null; contextValue: unknown };
  /** The refusal of an operation's arguments or shape, or its cost. */
  const costOf = (args: Operation): { refusal: readonly GraphQLError[] } | { cost: number } => {
    const variables = args.variableValues ?? {};
    let known = costs.get(args.document);
    if (!known) costs.set(args.document, (known = new Map()));
    const key = `${args.operationName ?? ''} ${JSON.stringify(variables)}`;
    const cost = known.get(key);
    if (cost !== undefined) return { cost };
    const bad = argumentRefusal(args.schema, args.document, args.operationName, variables, limits);
    if (bad) return { refusal: [bad] };
    const measured = measure(args.schema, args.document, args.operationName, variables, args.contextValue as object);
    if (measured && 'errors' in measured) return { refusal: measured.errors };
    if (known.size >= MEASURED_PER_DOCUMENT) known.delete(known.keys().next().value!);
    known.set(key, measured?.cost ?? 0);
    return { cost: measured?.cost ?? 0 };
  };

  /** The refusal of an operation over a limit, or what it was charged. */
  const preflight = (args: Operation) => {
    const context = args.contextValue as Record<string, unknown>;
    const measured = costOf(args);
    if ('refusal' in measured) return measured;
    const { cost } = measured;
    if (cost > limits.cost) {
      return {
        refusal: [limitError('MAX_COST', `The query could produce ${n(cost)} objects; claimline allows ${n(limits.cost)} per query (CLAIMLINE_MAX_COST). Ask for smaller pages (first/last) or fewer nested lists.`, limits.cost, cost)],
      };
    }
    const client = limiter ? clientOf((context as Partial<Context>).db ?? db, context, trustProxy, keys) : null;
    if (limiter && client) {
      const spent = limiter.spend(client, cost);
      if (!spent.granted) {
        const seconds = Math.ceil(spent.retryAfterMs / 1000);
        return {
          refusal: [
            limitError(
              'RATE_LIMITED',
              `This client has ${n(spent.remaining)} of its ${n(limits.ratePoints)} cost points left in the last ${limits.rateWindowMs / 1000} s, and the query costs ${n(cost)}: retry in ${seconds} s.`,
              limits.ratePoints,
              cost,
              { retryAfterSeconds: seconds, http: { status: 429, headers: { 'retry-after': String(seconds) } } },
            ),
          ],
        };
      }
    }
    return { cost, client };
  };

  const report = (cost: number, client: string | null, data: Record<string, unknown> | null | undefined) => {
    const actual = resultCost(data);
    if (limiter && client && actual < cost) limiter.refund(client, cost - actual);
    return {
      requestedQueryCost: cost,
      actualQueryCost: actual,
      maximumQueryCost: limits.cost,
      ...(limiter && client ? { throttleStatus: { maximumAvailable: limits.ratePoints, currentlyAvailable: limiter.available(client), windowSeconds: limits.rateWindowMs / 1000 } } : {}),
    };
  };

  return {
    onPluginInit({ addPlugin }) {
      addPlugin(tokens as Plugin);
    },
    onRequestParse({ request, requestParser, setRequestParser }) {
      const length = request.headers.get('content-length');
      if (length !== null && /^\d+$/.test(length) && Number(length) > limits.bodyBytes) {
        throw createGraphQLError(`The request body is ${n(Number(length))} bytes; claimline accepts ${n(limits.bodyBytes)} (CLAIMLINE_MAX_BODY_BYTES).`, {
          extensions: { code: 'MAX_BODY_SIZE', limit: limits.bodyBytes, requested: Number(length), http: { status: 413 } },
        });
      }
      if (request.method !== 'GET' || !requestParser) return;
      // yoga reads `variables` and `extensions` of a GET with JSON.parse: malformed JSON is the client's mistake.
      const parse = requestParser;
      setRequestParser((req) => {
        const params = new URL(req.url).searchParams;
        for (const name of ['variables', 'extensions']) {
          const value = params.get(name);
          if (!value) continue;
          try {
            JSON.parse(value);
          } catch (error) {
            throw createGraphQLError(`The ${name} parameter is not valid JSON: ${(error as Error).message}`, { extensions: { code: 'BAD_REQUEST', field: name, http: { status: 400 } } });
          }
        }
        return parse(req);
      });
    },
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
    onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      const checked = preflight(args as never);
      if ('refusal' in checked) return setResultAndStopExecution({ errors: checked.refusal });
      const operation = getOperationAST(args.document, args.operationName)?.operation;
      const request = (args.contextValue as { request?: Request }).request;
      // A query stops when its client goes away or its time is up (the executor checks the
      // signal between fields); a mutation runs to the end of its one transaction, since an
      // abort after its commit would misreport it.
      if (operation !== 'query') {
        if (request?.signal) (args as { signal?: AbortSignal }).signal = request.signal;
      } else {
        const budget = timeBudget(request?.signal, limits.timeoutMs);
        (args as { signal?: AbortSignal }).signal = budget.signal;
        const timedOut = () => ({ errors: [limitError('TIMEOUT', `The query ran past its time budget of ${n(limits.timeoutMs)} ms and was aborted (CLAIMLINE_TIMEOUT_MS).`, limits.timeoutMs, null)] });
        setExecuteFn(async (execution) => {
          const use = useOf((execution.contextValue as Context).db);
          if (use) use.signal = budget.signal;
          try {
            const result = await executeFn(execution);
            // A compiled query reports a statement it refused once stopped as a field's error.
            if (!('errors' in result) || !result.errors?.length || !budget.signal.aborted) return result;
            return budget.expired() ? timedOut() : { errors: [createGraphQLError('The client went away: the query was stopped.', { extensions: { code: 'CLIENT_GONE' } })] };
          } catch (error) {
            if (!budget.expired()) throw error;
            return timedOut();
          } finally {
            budget.done();
          }
        });
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (!('data' in result) && !('errors' in result)) return; // a stream
          const single = result as { data?: Record<string, unknown> | null; extensions?: Record<string, unknown> };
          setResult({ ...single, extensions: { ...single.extensions, cost: report(checked.cost, checked.client, single.data) } } as never);
        },
      };
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const checked = preflight(args as never);
      if ('refusal' in checked) return setResultAndStopExecution({ errors: checked.refusal });
      const request = (args.contextValue as { request?: Request }).request;
      if (request?.signal) (args as { signal?: AbortSignal }).signal = request.signal;
    },
  };
}
