import type { Ref } from '../domain/validation.ts';
import { authorize } from '../domain/keys.ts';
import type { Writer } from '../domain/write.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';
import { IdentifierScheme, ActorCodeScheme, ParticipantRole } from './types/enums.ts';
import { MUTATION_ERRORS } from './types/errors.ts';

// What every mutation shares: an API key with the write scope, one recorded transaction through
// the server's writer, a payload union of the success or a typed error, and the input types
// several mutations take. Each mutation lives with the type it changes (src/graphql/types/).

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
export type InputFields = PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>;

/** Runs an edit for an authorized key, as one recorded transaction through the app's editor. */
export async function runEdit<T>(ctx: Context, operation: string, edit: (writer: Writer) => T): Promise<T> {
  const keyName = authorize(ctx.db, ctx.authorization, 'write');
  return ctx.editor.write({ operation, keyName }, edit);
}

/** The payload union of a mutation: its success type, or a typed error (nothing written). */
export const payloadOf = (name: string, dataField: string, dataDescription = 'The record as it stands after the change.') => ({
  types: MUTATION_ERRORS,
  dataField: { name: dataField, description: dataDescription },
  result: { description: `${name} succeeded: the change is committed and in history.` },
  union: { description: `The result of ${name}: success, or a ValidationError, NotFoundError, ConflictError or UnauthorizedError (nothing written).` },
});

/**
 * A mutation that writes one record and returns it: `name(input: …)` with its payload union.
 * `edit` is the domain's front end (src/domain/editing.ts), which validates the input.
 */
export function recordMutation(name: string, options: { description: string; input: unknown; dataField: string; type: unknown; edit: (writer: Writer, input: unknown) => Ref }) {
  builder.mutationField(name, (t) =>
    t.field({
      type: options.type as never,
      description: options.description,
      errors: payloadOf(name, options.dataField),
      args: { input: t.arg({ type: options.input as never, required: true, description: 'What to write.' }) },
      resolve: async (_, args, ctx) => (await runEdit(ctx, name, (writer) => options.edit(writer, args.input))).id as never,
    }),
  );
}

export const CitationInput = builder.inputType('CitationInput', {
  description: 'A source that supports a record, optionally a quote of it (the quote’s source is implied).',
  fields: (t) => ({
    source: t.id({ required: false, description: 'The Source.' }),
    quote: t.id({ required: false, description: 'A Quote of the source (quoteCreate makes one).' }),
  }),
});
export const citationsField = (t: InputFields) => t.field({ type: [CitationInput], required: true, description: 'At least one source: nothing enters the record without one.' });

export const CoordinatesInput = builder.inputType('CoordinatesInput', {
  description: 'WGS 84 coordinates.',
  fields: (t) => ({ latitude: t.float({ required: true, description: 'Decimal degrees, -90 to 90.' }), longitude: t.float({ required: true, description: 'Decimal degrees, -180 to 180.' }) }),
});
export const IdentifierInput = builder.inputType('ExternalIdentifierInput', {
  description: 'An identifier of the actor in an outside registry: it names this actor and no other.',
  fields: (t) => ({ scheme: t.field({ type: IdentifierScheme, required: true, description: 'The registry.' }), value: t.string({ required: true, description: 'The identifier, e.g. "Q159".' }) }),
});
export const ActorCodeInput = builder.inputType('ActorCodeInput', {
  description: 'A code an event data set gives the actor, e.g. CAMEO "RUSMIL" (codes classify: many actors share one).',
  fields: (t) => ({ scheme: t.field({ type: ActorCodeScheme, required: true, description: 'The code book.' }), value: t.string({ required: true, description: 'The code, e.g. "RUSMIL".' }) }),
});
export const ParticipantInput = builder.inputType('ParticipantInput', {
  description: 'An actor taking part in an event, in a role.',
  fields: (t) => ({ actor: t.id({ required: true, description: 'The Actor.' }), role: t.field({ type: ParticipantRole, required: true, description: 'The role.' }) }),
});
export const QuantityInput = builder.inputType('QuantityInput', {
  description: 'A count or measure the sources give, e.g. 7 air strikes.',
  fields: (t) => ({
    measure: t.string({ required: true, description: 'What is counted, e.g. "air strikes".' }),
    value: t.float({ required: true, description: 'The number.' }),
    unit: t.string({ required: false, description: 'The unit, if any.' }),
  }),
});
