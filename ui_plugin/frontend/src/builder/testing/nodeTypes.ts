/**
 * Node types shaped as GET /components answers them (see the registry's `ui_metadata`), with
 * the arities of the real built-ins they are named after.
 */
import type { ComponentInfo } from "../../spec/types";

/** A node type; `fields` override the defaults. */
export function nodeType(name: string, fields: Partial<ComponentInfo> = {}): ComponentInfo {
  const category = name.slice(0, name.indexOf("."));
  return {
    name,
    category,
    title: name,
    description: `The ${name} node type.`,
    icon: null,
    inputs: category === "source" ? { min: 0, max: 0 } : { min: 1, max: 1 },
    has_output: category !== "sink",
    code_bearing: false,
    fusable: false,
    example: null,
    config_schema: { type: "object", properties: {} },
    ...fields,
  };
}

/** A small registry: a source, two transforms (one with two inputs), a sink and a code-bearing type. */
export const NODE_TYPES: ComponentInfo[] = [
  nodeType("source.file", { title: "File", icon: "file", description: "Reads a CSV, JSON Lines or Parquet file.", example: { path: "orders.csv" } }),
  nodeType("transform.filter", { title: "Filter", icon: "filter", description: "Keeps the rows matching an expression." }),
  nodeType("transform.join", { title: "Join", icon: "merge", description: "Joins two inputs on keys.", inputs: { min: 2, max: 2 } }),
  nodeType("transform.union", { title: "Union", icon: "merge", description: "Stacks inputs.", inputs: { min: 1, max: null } }),
  nodeType("sink.file", { title: "File output", icon: "file-output", description: "Writes its input to a file." }),
  nodeType("sql.query", { category: "transform", title: "SQL query", description: "Runs SQL.", code_bearing: true }),
];

/** {@link NODE_TYPES} by name. */
export const NODE_TYPES_BY_NAME = new Map(NODE_TYPES.map((type) => [type.name, type]));
