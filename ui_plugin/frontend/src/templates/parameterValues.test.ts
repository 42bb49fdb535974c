import { describe, expect, it } from "vitest";

import type { TemplateParameter } from "../api/templates";
import { defaultText, initialInputs, parameterValues } from "./parameterValues";

function parameter(name: string, fields: Partial<TemplateParameter> = {}): TemplateParameter {
  return { name, type: "string", default: null, description: "", required: false, enum: null, pattern: null, items: null, ...fields };
}

const PARAMETERS = [
  parameter("table", { required: true }),
  parameter("rows", { type: "integer", default: 500 }),
  parameter("ratio", { type: "number" }),
  parameter("union", { type: "boolean", default: true }),
  parameter("strict", { type: "boolean" }),
  parameter("keys", { type: "list", items: "string", default: ["id"] }),
  parameter("ports", { type: "list", items: "integer" }),
  parameter("level", { type: "integer", enum: [1, 2, 3] }),
];

describe("parameterValues", () => {
  it("starts booleans at their default and every other field empty", () => {
    expect(initialInputs(PARAMETERS)).toEqual({
      table: "",
      rows: "",
      ratio: "",
      union: true,
      strict: false,
      keys: "",
      ports: "",
      level: "",
    });
  });

  it("leaves empty fields out, so the template's defaults apply", () => {
    expect(parameterValues(PARAMETERS, initialInputs(PARAMETERS))).toEqual({ union: true, strict: false });
  });

  it("converts numbers, lists and enum choices to their types", () => {
    const values = parameterValues(PARAMETERS, {
      table: " orders ",
      rows: "1000",
      ratio: "0.25",
      union: false,
      strict: true,
      keys: "id, tenant_id\nregion",
      ports: "80,443",
      level: "2",
    });
    expect(values).toEqual({
      table: "orders",
      rows: 1000,
      ratio: 0.25,
      union: false,
      strict: true,
      keys: ["id", "tenant_id", "region"],
      ports: [80, 443],
      level: 2,
    });
  });

  it("sends text that is not a number as typed, for the API to name", () => {
    expect(parameterValues(PARAMETERS, { rows: "1.5", ratio: "many" })).toEqual({ rows: "1.5", ratio: "many" });
  });

  it("shows defaults as text", () => {
    expect(PARAMETERS.map(defaultText)).toEqual(["", "500", "", "true", "", "id", "", ""]);
  });
});
