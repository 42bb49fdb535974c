import { describe, expect, it } from "vitest";

import { componentNamed } from "../testing/registryDump";
import { type ColumnRule, columnRule, keysAreColumns, namesColumns } from "./columnFields";
import { type JsonSchema, resolved, unwrapNullable } from "./jsonSchema";

/** A field of a real node type as the form hands it to its editor, and its form's rule. */
function field(type: string, ...path: string[]): [string, JsonSchema, ColumnRule] {
  const schema = componentNamed(type).config_schema as JsonSchema;
  const definitions = schema.$defs ?? {};
  let current: JsonSchema = schema;
  for (const key of path) {
    const plain = resolved(current, definitions);
    // A list of objects (sort keys): its items' fields.
    const object = plain.items ? resolved(plain.items, definitions) : plain;
    current = unwrapNullable(object.properties?.[key] ?? {}, definitions).schema;
  }
  return [path.at(-1) ?? "", current, columnRule(schema)];
}

describe("column fields of the registry's node types, by their marker", () => {
  it.each([
    ["transform.select", "columns"],
    ["transform.select", "drop"],
    ["transform.aggregate", "group_by"],
    ["transform.join", "left_on"],
    ["transform.pivot", "columns"],
    ["transform.sort", "by", "column"],
    ["sink.sql", "keys"],
    ["sink.sql", "partition", "column"],
    ["sink.file", "partition_by"],
    ["source.sql", "incremental", "cursor_column"],
  ])("%s %s names columns", (type, ...path) => {
    expect(namesColumns(...field(type, ...path))).toBe(true);
  });

  it.each([
    ["transform.select", "rename"],
    ["transform.cast", "columns"],
    ["transform.fill_nulls", "values"],
    ["transform.lookup", "rename"],
  ])("the keys of %s %s are columns", (type, name) => {
    expect(keysAreColumns(...field(type, name))).toBe(true);
    expect(namesColumns(...field(type, name))).toBe(false);
  });

  it("does not suggest columns where the schema does not mark them, whatever the field is called", () => {
    // Named like column fields, but new names: unpivot's output columns, aggregate's outputs.
    expect(namesColumns(...field("transform.unpivot", "name_column"))).toBe(false);
    expect(keysAreColumns(...field("transform.aggregate", "aggregations"))).toBe(false);
    expect(keysAreColumns(...field("transform.select", "columns"))).toBe(false);
    expect(namesColumns(...field("sink.sql", "table"))).toBe(false);
  });
});

describe("column fields of node types without the marker", () => {
  const custom: JsonSchema = {
    type: "object",
    properties: {
      column: { type: "string" },
      rename: { type: "object", additionalProperties: { type: "string" } },
      label: { type: "string" },
    },
  };

  it("are known by their names", () => {
    expect(columnRule(custom)).toBe("name");
    expect(namesColumns("column", { type: "string" }, "name")).toBe(true);
    expect(keysAreColumns("rename", { type: "object" }, "name")).toBe(true);
    expect(namesColumns("label", { type: "string" }, "name")).toBe(false);
    expect(columnRule(componentNamed("transform.derive").config_schema as JsonSchema)).toBe("name");
  });

  it("are read by the marker as soon as one field, even a nested one, carries it", () => {
    const nested: JsonSchema = {
      ...custom,
      $defs: { Key: { type: "object", properties: { by: { type: "string", "x-aggregator-column": "value" } } } },
    };
    expect(columnRule(nested)).toBe("marker");
    expect(namesColumns("column", { type: "string" }, "marker")).toBe(false);
  });
});
