/** The values of a spec a template can turn into parameters, with the path that names each. */

/** A value of the spec and the path to it, as POST /pipelines/{id}/template takes it. */
export interface ValuePath {
  path: string;
  value: string;
}

const TOP_LEVEL = ["name", "description", "owner", "schedule", "start_date"];

/** Every text, number or boolean of the spec's top level and of its nodes' configs, in spec order. */
export function valuePaths(spec: Record<string, unknown>): ValuePath[] {
  const found: ValuePath[] = [];
  for (const key of TOP_LEVEL) {
    collect(spec[key], key, found);
  }
  const nodes = Array.isArray(spec.nodes) ? spec.nodes : [];
  nodes.forEach((node: unknown, index) => {
    if (typeof node === "object" && node !== null) {
      collect((node as { config?: unknown }).config, `nodes[${index}].config`, found);
    }
  });
  return found;
}

function collect(value: unknown, path: string, found: ValuePath[]): void {
  if (value === null || value === undefined) {
    return;
  }
  if (Array.isArray(value)) {
    // A list of scalars is one value (a list parameter); lists of objects are walked into.
    if (value.every((item) => typeof item !== "object" || item === null)) {
      found.push({ path, value: JSON.stringify(value) });
    } else {
      value.forEach((item, index) => collect(item, `${path}[${index}]`, found));
    }
    return;
  }
  if (typeof value === "object") {
    // Keys a dotted path cannot spell are left out; such a value can still be named as a JSON pointer.
    for (const [key, item] of Object.entries(value)) {
      if (/^[^.[\]]+$/.test(key)) {
        collect(item, `${path}.${key}`, found);
      }
    }
    return;
  }
  found.push({ path, value: String(value) });
}
