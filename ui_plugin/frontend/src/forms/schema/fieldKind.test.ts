import { describe, expect, it } from "vitest";

import { ALL_COMPONENTS, componentNamed } from "../testing/registryDump";
import { fieldKind } from "./fieldKind";
import { type JsonSchema, resolved, unwrapNullable } from "./jsonSchema";

/** The kind of a field of a real node type, read as the form reads it. */
function kindOf(type: string, ...path: string[]) {
  const schema = componentNamed(type).config_schema as JsonSchema;
  const definitions = schema.$defs ?? {};
  let current: JsonSchema = schema;
  for (const key of path) {
    current = unwrapNullable(resolved(current, definitions).properties?.[key] ?? {}, definitions).schema;
  }
  return fieldKind(current, definitions);
}

describe("fieldKind on the registry's schemas", () => {
  it.each([
    [["sink.sql", "conn_id"], { kind: "connection" }],
    [["source.file", "conn_id"], { kind: "connection" }],
    [["source.sql", "incremental", "state_conn_id"], { kind: "connection" }],
    [["transform.filter", "where"], { kind: "expression" }],
    [["sink.sql", "mode"], { kind: "enum", options: ["append", "replace", "merge", "delete_insert"] }],
    [["sink.file", "format"], { kind: "enum", options: ["csv", "jsonl", "parquet"] }],
    [["transform.union", "distinct"], { kind: "boolean" }],
    [["sink.sql", "batch_rows"], { kind: "number", integer: true }],
    [["source.http", "timeout_seconds"], { kind: "number", integer: false }],
    [["sink.sql", "table"], { kind: "text" }],
    [["sink.sql", "schema"], { kind: "text" }],
    [["sink.sql", "keys"], { kind: "scalarList", item: "text" }],
    [["transform.dedupe", "keys"], { kind: "scalarList", item: "text" }],
    [["source.http", "retries", "retry_on"], { kind: "scalarList", item: "integer" }],
    [["transform.derive", "columns"], { kind: "map", value: "expression" }],
    [["transform.cast", "columns"], { kind: "map", value: "text" }],
    [["source.http", "headers"], { kind: "map", value: "text" }],
    [["source.file", "csv"], { kind: "object" }],
    [["sink.sql", "partition"], { kind: "object" }],
    [["source.http", "params"], { kind: "json" }],
    [["source.http", "json_body"], { kind: "json" }],
    [["transform.fill_nulls", "value"], { kind: "json" }],
    [["transform.fill_nulls", "values"], { kind: "json" }],
  ] as const)("%j is %j", (path, expected) => {
    expect(kindOf(...(path as unknown as [string, ...string[]]))).toEqual(expected);
  });

  it("reads a list of objects with the item's own schema", () => {
    const kind = kindOf("transform.sort", "by");
    expect(kind.kind).toBe("objectList");
    expect(kind.kind === "objectList" ? Object.keys(kind.item.properties ?? {}) : []).toEqual([
      "column",
      "descending",
      "nulls",
    ]);
  });

  it("gives every field of every node type an editor", () => {
    for (const component of ALL_COMPONENTS) {
      const schema = component.config_schema as JsonSchema;
      for (const name of Object.keys(schema.properties ?? {})) {
        expect(() => kindOf(component.name, name), `${component.name}.${name}`).not.toThrow();
      }
    }
  });

  it("falls back to JSON for shapes it has no editor for", () => {
    expect(fieldKind({}, {})).toEqual({ kind: "json" });
    expect(fieldKind({ type: "array" }, {})).toEqual({ kind: "json" });
    expect(fieldKind({ type: "array", items: { type: "array" } }, {})).toEqual({ kind: "json" });
    expect(fieldKind({ anyOf: [{ type: "string" }, { type: "integer" }] }, {})).toEqual({ kind: "json" });
  });
});

describe("unwrapNullable", () => {
  it("keeps the title, description and default written next to the null alternative", () => {
    const { schema, nullable } = unwrapNullable(
      { anyOf: [{ $ref: "#/$defs/Options" }, { type: "null" }], default: null, title: "Options", description: "outer" },
      { Options: { type: "object", description: "inner", properties: { a: { type: "string" } } } },
    );
    expect(nullable).toBe(true);
    expect(schema).toMatchObject({ type: "object", title: "Options", description: "outer", default: null });
    expect(Object.keys(schema.properties ?? {})).toEqual(["a"]);
  });

  it("reads a type list with null", () => {
    expect(unwrapNullable({ type: ["integer", "null"] }, {})).toEqual({ schema: { type: "integer" }, nullable: true });
  });

  it("leaves a required field as it is", () => {
    expect(unwrapNullable({ type: "string" }, {})).toEqual({ schema: { type: "string" }, nullable: false });
  });
});
