import type { PipelineSpec } from "../spec/types";

// Specs are never changed in place (every edit makes a new object), so a spec's text can be
// kept for as long as the spec object lives: several parts of the editor ask for it per edit.
const canonicalTexts = new WeakMap<PipelineSpec, string>();

/** A spec as text that does not depend on the order its keys were written in. */
export function canonicalSpec(spec: PipelineSpec): string {
  const known = canonicalTexts.get(spec);
  if (known !== undefined) {
    return known;
  }
  const text = JSON.stringify(spec, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
  canonicalTexts.set(spec, text);
  return text;
}

/** Whether two specs hold the same content. */
export function sameSpec(a: PipelineSpec, b: PipelineSpec): boolean {
  return canonicalSpec(a) === canonicalSpec(b);
}
