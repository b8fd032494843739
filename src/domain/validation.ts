import { z } from 'zod';
import { InputError } from './errors.ts';
import { decodeGlobalID, parseKey } from './global-id.ts';

/**
 * What is wrong with a text claimline would store, or null: it must be well-formed Unicode (no
 * lone surrogate, which SQLite would store as invalid UTF-8) and hold no control characters but
 * tab, line feed and carriage return. Every write path checks its texts with it.
 */
export function textProblem(value: string): string | null {
  // Most texts hold neither control characters nor surrogates: one scan says so.
  if (!SUSPECT.test(value)) return null;
  if (!value.isWellFormed()) {
    const at = [...value].findIndex((c) => c.length === 1 && c >= '\ud800' && c <= '\udfff');
    return `is not well-formed Unicode: a lone surrogate at character ${at + 1}`;
  }
  const control = CONTROL.exec(value);
  return control ? `holds the control character U+${control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at character ${control.index + 1} (only tab, line feed and carriage return are allowed)` : null;
}
const CONTROL = /(?![\t\n\r])\p{Cc}/u;
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff]/;

/** Any string claimline stores as given (a source's text, a quote's exact words): checked by textProblem. */
export const verbatim = z.string().superRefine((value, ctx) => {
  const problem = textProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Field schemas shared by bundles and mutations. A text is kept as given, spaces and all (a bundle carries an import's texts byte for byte); it must hold more than spaces. */
export const text = verbatim.refine((value) => value.trim() !== '', 'must not be empty or only spaces');
export const country = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as "SY"');
export const language = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'a BCP 47 tag such as "en"');
export const coordinates = z.strictObject({
  latitude: z.number().min(-90).max(90).describe('Decimal degrees, -90 to 90.'),
  longitude: z.number().min(-180).max(180).describe('Decimal degrees, -180 to 180.'),
});
export const quantity = z.strictObject({
  measure: text.describe('What is counted, e.g. "air strikes".'),
  value: z.number().finite().describe('The number.'),
  unit: text.nullish().describe('The unit, if any.'),
});
export const cameoCode = z.string().regex(/^\d{2,4}$/, 'a CAMEO code of 2 to 4 digits');

/** A record named by its global ID, decoded; the types it may name are listed. */
export interface Ref {
  typename: string;
  id: number;
  /** The global ID as the client gave it, for error messages. */
  given: string;
}
export const ref = (...types: string[]) =>
  z.string().transform((given, ctx): Ref => {
    try {
      const { typename, id } = decodeGlobalID(given);
      if (!types.includes(typename)) {
        ctx.addIssue({ code: 'custom', message: `must be the ID of ${types.length > 1 ? `one of ${types.join(', ')}` : `a ${types[0]}`}; "${given}" is a ${typename}` });
        return z.NEVER;
      }
      return { typename, id: parseKey(id), given };
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${given}" is not an ID claimline issued` });
      return z.NEVER;
    }
  });

/** Parses with a zod schema; on failure, an InputError naming every offending field under `prefix`. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, prefix: readonly (string | number)[] = []): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InputError(
    result.error.issues.map((issue) => ({
      path: [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      message: issue.message,
    })),
  );
}
