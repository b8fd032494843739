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
