import type { z } from 'zod';
import { ErrorCode } from '../../../shared/errorCodes';

/** Form values as typed: nested objects of strings, booleans and string arrays, keyed like the profile. */
export type FormValues = Record<string, unknown>;

export function getAt(values: FormValues, path: string): unknown {
  let v: unknown = values;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

export function setAt(values: FormValues, path: string, value: unknown): FormValues {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) return { ...values, [head]: value };
  const child = values[head];
  return { ...values, [head]: setAt(child && typeof child === 'object' && !Array.isArray(child) ? (child as FormValues) : {}, rest.join('.'), value) };
}

/**
 * What the schema sees: blank text is "not given" (undefined), and an optional section whose
 * fields are all blank is left out, so the schema's own optional/required rules apply.
 */
export function cleanForSchema(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = cleanForSchema(v);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}

/** Cleans a whole form; required sections stay objects so each of their fields reports its own error. */
export function cleanForm(values: FormValues, requiredSections: readonly string[]): FormValues {
  const out = (cleanForSchema(values) ?? {}) as FormValues;
  for (const key of requiredSections) if (out[key] === undefined) out[key] = {};
  return out;
}

export type FieldErrors = Record<string, string>;

/** Every issue, first per field, keyed by dotted path: the form shows each under its field. */
/** How a form words a schema's refusals: "required", and the rest by the key a check carries (`params.words`). */
export interface IssueWords {
  required: string;
  issue(key: string, params: Record<string, unknown>, fallback: string): string;
}

export function validateWith<S extends z.ZodType>(schema: S, values: unknown, words: IssueWords): { data: z.output<S> | null; errors: FieldErrors } {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { data: parsed.data, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    if (errors[path]) continue;
    const params = (issue as { params?: Record<string, unknown> }).params ?? {};
    const missing = params.code === ErrorCode.REQUIRED || ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && getAt((values ?? {}) as FormValues, path) == null);
    errors[path] = missing ? words.required : typeof params.words === 'string' ? words.issue(params.words, params, issue.message) : issue.message;
  }
  return { data: null, errors };
}
