import type { PolicyBody } from '../../../shared/schemas/policy';
import { POLICY_FIELDS } from './policyFields';

/**
 * The editor's model: the policy body flattened to its leaves by dotted path, numbers kept as
 * the text typed (so "0." or an empty box is what the admin sees), toggles as booleans.
 */
export type PolicyFormValue = string | boolean;
export type PolicyForm = Readonly<Record<string, PolicyFormValue>>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{quality: {maxBlur: 0.45}}` -> `{'quality.maxBlur': 0.45}`. */
export function flattenBody(body: unknown, prefix = ''): Record<string, unknown> {
  if (!isRecord(body)) return {};
  return Object.fromEntries(Object.entries(body).flatMap(([k, v]) => (isRecord(v) ? Object.entries(flattenBody(v, `${prefix}${k}.`)) : [[`${prefix}${k}`, v]])));
}

export function toForm(body: PolicyBody): PolicyForm {
  return Object.fromEntries(Object.entries(flattenBody(body)).map(([k, v]) => [k, typeof v === 'boolean' ? v : String(v)]));
}

/** Typed text as a number; an empty or unreadable box is NaN, which the schema refuses. */
export function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** The body the form describes, unchecked: for `policyBodySchema.safeParse`. */
export function formBody(form: PolicyForm): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    const path = key.split('.');
    let at = body;
    for (const part of path.slice(0, -1)) {
      const next = at[part];
      at = isRecord(next) ? next : (at[part] = {}) as Record<string, unknown>;
    }
    at[path[path.length - 1] ?? key] = typeof value === 'boolean' ? value : numberOf(value);
  }
  return body;
}

/** The fields whose value differs from `body`'s (0.50 typed for 0.5 is no change). */
export function changedKeys(form: PolicyForm, body: PolicyBody): string[] {
  const base = flattenBody(body);
  return Object.keys(form).filter((k) => {
    const v = form[k];
    return typeof v === 'boolean' ? v !== base[k] : numberOf(v ?? '') !== base[k];
  });
}

/** Issue paths (`['aml', 'reviewThreshold']`) to the editor's field keys, first message each. */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const key = i.path.map(String).join('.');
    out[key] ??= i.message;
  }
  return out;
}

/** A refusal's field (`body.quality.maxBlur`, `note`) as the editor's key. */
export function fieldKeyOf(serviceField: string | undefined): string | null {
  if (!serviceField) return null;
  return serviceField.startsWith('body.') ? serviceField.slice('body.'.length) : serviceField;
}

export interface FieldChange {
  key: string;
  from: unknown;
  to: unknown;
}

const ORDER = new Map(POLICY_FIELDS.map((f, i) => [f.key, i]));

/** What changed from one version's body to the next, in the editor's field order. */
export function changesBetween(older: PolicyBody, newer: PolicyBody): FieldChange[] {
  const a = flattenBody(older);
  const b = flattenBody(newer);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => a[k] !== b[k])
    .sort((x, y) => (ORDER.get(x) ?? ORDER.size) - (ORDER.get(y) ?? ORDER.size))
    .map((key) => ({ key, from: a[key], to: b[key] }));
}
