export interface InputIssue {
  /** The offending field, as the client wrote it, e.g. ["filter", "date", "from"]. */
  path: readonly (string | number)[];
  message: string;
}

/**
 * An expected failure caused by the caller's input, naming every offending field. The API layer
 * turns it into a typed error; nothing has been written when it is thrown.
 */
export class InputError extends Error {
  readonly issues: readonly InputIssue[];
  constructor(path: readonly (string | number)[], message: string);
  constructor(issues: readonly InputIssue[]);
  constructor(pathOrIssues: readonly (string | number)[] | readonly InputIssue[], message?: string) {
    const issues: readonly InputIssue[] =
      message === undefined ? (pathOrIssues as readonly InputIssue[]) : [{ path: pathOrIssues as readonly (string | number)[], message }];
    super(issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '));
    this.name = 'InputError';
    this.issues = issues;
  }

  /**
   * The first offending field (most errors name one). Not called `path`: graphql-js takes an error
   * with an array `path` for an already-located GraphQL error.
   */
  get field(): readonly (string | number)[] {
    return this.issues[0]?.path ?? [];
  }
}

/** A reference to a record that does not exist (or not as the type its ID names). */
export class NotFoundError extends Error {
  constructor(
    readonly field: readonly (string | number)[],
    readonly id: string,
  ) {
    super(`${field.join('.')}: no record with ID "${id}"`);
    this.name = 'NotFoundError';
  }
}

/** A write that would contradict the record as it stands: a duplicate, a record already retracted. */
export class ConflictError extends Error {
  constructor(
    readonly field: readonly (string | number)[],
    message: string,
  ) {
    super(`${field.join('.')}: ${message}`);
    this.name = 'ConflictError';
  }
}

/** A write sent to a database that takes none: a PostgreSQL hot standby (its primary takes them). */
export class ReadOnlyError extends Error {
  readonly code = 'READ_ONLY';
  constructor(database: string) {
    super(`${database} is a hot standby, which takes no writes: send writes to a claimline whose CLAIMLINE_DB is its primary`);
    this.name = 'ReadOnlyError';
  }
}

/** A write without a valid API key with the scope it needs. */
export class UnauthorizedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnauthorizedError';
  }
}

/**
 * A request over one of the server's limits (README: Limits): `code` names the limit, `limit`
 * its value and `requested` what was asked for. Nothing has run for it.
 */
export class LimitExceeded extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly limit: number,
    readonly requested: number | null,
    /** The argument over the limit, when one is. */
    readonly field: readonly (string | number)[] = [],
  ) {
    super(message);
    this.name = 'LimitExceeded';
  }
}
