/** Paths inside a node, written as the spec validator writes them: `config.csv.delimiter`, `config.keys[0]`. */

/** Keys and list positions from the node down to a value. */
export type NodePath = readonly (string | number)[];

/** `["config", "keys", 0]` -> `config.keys[0]`. */
export function formatPath(path: NodePath): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") {
      text += `[${part}]`;
    } else {
      text += text ? `.${part}` : part;
    }
  }
  return text;
}

/** A copy of `record` with `key` set to `value`, or without `key` when `value` is undefined; order kept. */
export function withKey(record: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  if (value === undefined) {
    const { [key]: _removed, ...rest } = record;
    return rest;
  }
  return { ...record, [key]: value };
}

/** `value` when it is a plain object, else an empty one. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
