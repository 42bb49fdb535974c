import type { PipelineSpec } from "../spec/types";

/** A spec as text that does not depend on the order its keys were written in. */
export function canonicalSpec(spec: PipelineSpec): string {
  return JSON.stringify(spec, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

/** Whether two specs hold the same content. */
export function sameSpec(a: PipelineSpec, b: PipelineSpec): boolean {
  return canonicalSpec(a) === canonicalSpec(b);
}
