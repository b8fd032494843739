import type { z } from 'zod';
import type { ArgumentLimits } from './cost.ts';
import { builder } from './builder.ts';
import { enumOf } from './types/enums.ts';

// GraphQL input types derived from the domain's zod schemas (src/domain/editing.ts), so that each
// field of a mutation's input is declared once: its type, whether it is required, and its
// description come from the schema that also validates it.

type Schema = z.ZodType & { _zod: { def: Record<string, unknown> }; description?: string; isInt?: boolean };
type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type Fields = PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>;

const def = (s: Schema) => s._zod.def as { type: string; innerType?: Schema; in?: Schema; out?: Schema; element?: Schema; shape?: Record<string, Schema>; entries?: Record<string, string> };

/** The schema without optional / nullable / default wrappers, whether any made it optional, and the first description met. */
function unwrap(schema: Schema): { core: Schema; required: boolean; description: string | undefined } {
  let core = schema;
  let required = true;
  let description = schema.description;
  for (;;) {
    const d = def(core);
    if (d.type === 'optional' || d.type === 'nullable' || d.type === 'default') {
      required = false;
      core = d.innerType!;
      description ??= core.description;
      continue;
    }
    return { core, required, description };
  }
}

/**
 * Names of the nested object schemas that are input types of their own (coordinates, citations,
 * …), by their shape: a described or refined copy of a schema keeps its shape.
 */
const NAMED = new Map<object, { name: string; description: string }>();
const BUILT = new Map<string, unknown>();

/** Registers a nested object schema as a named input type. */
export function nameInput(schema: z.ZodObject, name: string, description: string): void {
  NAMED.set(schema.shape, { name, description });
}

function graphqlType(schema: Schema, at: string): { type: unknown; list: boolean } {
  const d = def(schema);
  switch (d.type) {
    case 'string':
      return { type: 'String', list: false };
    case 'number':
      return { type: schema.isInt ? 'Int' : 'Float', list: false };
    case 'boolean':
      return { type: 'Boolean', list: false };
    case 'enum':
      return { type: enumOf(Object.values(d.entries!), at), list: false };
    // A string turned into a reference: a global ID.
    case 'pipe':
      if (def(d.in!).type === 'string' && def(d.out!).type === 'transform') return { type: 'ID', list: false };
      break;
    case 'array': {
      const element = unwrap(d.element!).core;
      return { type: graphqlType(element, at).type, list: true };
    }
    case 'object': {
      const named = NAMED.get(d.shape!);
      if (!named) throw new Error(`${at}: a nested object needs a name (nameInput)`);
      return { type: derivedInput(named.name, named.description, schema as never), list: false };
    }
  }
  throw new Error(`${at}: no GraphQL input type for a zod ${d.type}`);
}

function fieldsOf(t: Fields, name: string, shape: Record<string, Schema>, limits: Record<string, ArgumentLimits>) {
  return Object.fromEntries(
    Object.entries(shape).map(([field, schema]) => {
      const { core, required, description } = unwrap(schema);
      if (!description) throw new Error(`${name}.${field} has no description: add .describe() to its schema`);
      const { type, list } = graphqlType(core, `${name}.${field}`);
      const options = { required, description, ...(limits[field] ? { extensions: limits[field] } : {}) };
      return [field, t.field({ type: (list ? [type] : type) as never, ...options } as never)];
    }),
  );
}

/**
 * The input type of a zod object schema, built once per name. `limits` sets a field's argument
 * limits (src/graphql/cost.ts), e.g. a source's text may be as long as the body limit allows.
 */
export function derivedInput(name: string, description: string, schema: z.ZodObject, limits: Record<string, ArgumentLimits> = {}) {
  const built = BUILT.get(name);
  if (built) return built as ReturnType<typeof builder.inputType>;
  const shape = (schema as unknown as { shape: Record<string, Schema> }).shape;
  const input = builder.inputType(name, { description, fields: (t) => fieldsOf(t, name, shape, limits) as never });
  BUILT.set(name, input);
  return input;
}
