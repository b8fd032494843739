import { ConflictError, InputError, NotFoundError, UnauthorizedError, type InputIssue } from '../../domain/errors.ts';
import { builder } from '../builder.ts';

/** The typed failures a mutation returns as data: its payload is the success type or one of these. */
export const MUTATION_ERRORS = [InputError, NotFoundError, ConflictError, UnauthorizedError];

const fieldPath = (path: readonly (string | number)[]) => path.map(String);

const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'A failure a client can act on, returned as data: nothing was written.',
  fields: (t) => ({ message: t.exposeString('message', { description: 'What went wrong, in words.' }) }),
});

const FieldIssue = builder.objectRef<InputIssue>('FieldIssue').implement({
  description: 'One invalid field.',
  fields: (t) => ({
    field: t.stringList({ description: 'The path of the field from the mutation’s arguments, e.g. ["input", "citations", "0", "quote"].', resolve: (i) => fieldPath(i.path) }),
    message: t.exposeString('message', { description: 'What is wrong with it.' }),
  }),
});

builder.objectType(InputError, {
  name: 'ValidationError',
  description: 'The input is invalid: every offending field is named.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof InputError,
  fields: (t) => ({
    field: t.stringList({ description: 'The path of the first offending field.', resolve: (e) => fieldPath(e.field) }),
    issues: t.field({ type: [FieldIssue], description: 'Every offending field.', resolve: (e) => [...e.issues] }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'An ID names no record of the type it should (it may be another type’s, or never issued).',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof NotFoundError,
  fields: (t) => ({
    field: t.stringList({ description: 'The path of the field holding the ID.', resolve: (e) => fieldPath(e.field) }),
    id: t.exposeID('id', { description: 'The ID that was not found.' }),
  }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'The write contradicts the record as it stands: a duplicate, or a record already retracted.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof ConflictError,
  fields: (t) => ({ field: t.stringList({ description: 'The path of the conflicting field.', resolve: (e) => fieldPath(e.field) }) }),
});

builder.objectType(UnauthorizedError, {
  name: 'UnauthorizedError',
  description: 'No API key with the `write` scope was sent (`Authorization: Bearer <key>`), or the key is unknown or revoked.',
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof UnauthorizedError,
  fields: () => ({}),
});
