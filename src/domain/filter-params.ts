// The timeline filter as flat parameters (GET /export/FORMAT?…, `claimline export --…`): their
// names alone, in a module of their own, so the command line can list them without loading the
// filter's parsers.
export const FILTER_PARAMS = [
  'types', 'eventKinds', 'statuses', 'actors', 'actorRoles', 'followRelations', 'resolve', 'places', 'area', 'sources', 'identifiers', 'rebutted', 'search', 'from', 'to', 'match',
] as const;
export type FilterParams = Partial<Record<(typeof FILTER_PARAMS)[number], string>>;
