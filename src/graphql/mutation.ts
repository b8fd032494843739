import type { Ref } from '../domain/validation.ts';
import { authorize } from '../domain/keys.ts';
import { useOf } from '../db/statements.ts';
import type { Writer } from '../domain/write.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';
import { citationInput, participantInput } from '../domain/editing.ts';
import { actorCode, identifier } from '../domain/schemas.ts';
import { coordinates, quantity } from '../domain/validation.ts';
import { nameInput } from './inputs.ts';
import { MUTATION_ERRORS } from './types/errors.ts';

// What every mutation shares: an API key with the write scope, one recorded transaction through
// the server's writer, a payload union of the success or a typed error, and the nested input
// types several mutations take (derived from the domain's schemas, src/graphql/inputs.ts). Each mutation lives with the type it changes (src/graphql/types/).

/** Runs an edit for an authorized key, as one recorded transaction through the app's editor. */
export async function runEdit<T>(ctx: Context, operation: string, edit: (writer: Writer) => T): Promise<T> {
  const keyName = authorize(ctx.db, ctx.authorization, 'write');
  return ctx.editor.write({ operation, keyName }, edit, useOf(ctx.db));
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

// The nested inputs several mutations share, named once.
nameInput(citationInput, 'CitationInput', 'A source that supports a record, optionally a quote of it (the quote’s source is implied).');
nameInput(coordinates, 'CoordinatesInput', 'WGS 84 coordinates.');
nameInput(identifier, 'ExternalIdentifierInput', 'An identifier of the actor in an outside registry: it names this actor and no other.');
nameInput(actorCode, 'ActorCodeInput', 'A code an event data set gives the actor, e.g. CAMEO "RUSMIL" (codes classify: many actors share one).');
nameInput(participantInput, 'ParticipantInput', 'An actor taking part in an event, in a role.');
nameInput(quantity, 'QuantityInput', 'A count or measure the sources give, e.g. 7 air strikes.');
