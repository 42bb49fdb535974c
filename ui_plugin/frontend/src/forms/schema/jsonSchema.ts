/**
 * The parts of JSON Schema that pydantic writes for node configs, and how to read them:
 * `$ref` into `$defs`, and `anyOf: [X, {type: null}]` for optional fields.
 */

/** A JSON Schema node as pydantic generates it (keys the forms do not read are kept). */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  examples?: unknown[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  [key: string]: unknown;
}

/** The `$defs` a config schema's references point into. */
export type Definitions = Record<string, JsonSchema>;

/**
 * `schema` with `$ref` and single-entry `allOf` replaced by what they point to; the keys written
 * next to the reference (title, description, default) win over those of its target.
 */
export function resolved(schema: JsonSchema, definitions: Definitions): JsonSchema {
  let target: JsonSchema | undefined;
  if (typeof schema.$ref === "string") {
    target = definitions[schema.$ref.split("/").pop() ?? ""];
  } else if (schema.allOf?.length === 1) {
    target = schema.allOf[0];
  }
  if (target === undefined) {
    return schema;
  }
  const { $ref: _ref, allOf: _allOf, ...here } = schema;
  // A definition's title is its class name (`CsvOptions`), not the field's: only the field's own counts.
  const { title: _title, ...definition } = resolved(target, definitions);
  return { ...definition, ...here };
}

/** A field's schema without its `null` alternative, and whether null is allowed. */
export interface Unwrapped {
  schema: JsonSchema;
  nullable: boolean;
}

/** Read `anyOf: [X, {type: "null"}]` (and `type: [X, "null"]`) as an optional X. */
export function unwrapNullable(schema: JsonSchema, definitions: Definitions): Unwrapped {
  const plain = resolved(schema, definitions);
  const options = plain.anyOf ?? plain.oneOf;
  if (options) {
    const others = options.filter((option) => option.type !== "null");
    if (others.length === 1 && others[0] && others.length < options.length) {
      const { anyOf: _anyOf, oneOf: _oneOf, ...outer } = plain;
      return { schema: { ...resolved(others[0], definitions), ...outer }, nullable: true };
    }
    return { schema: plain, nullable: others.length < options.length };
  }
  if (Array.isArray(plain.type) && plain.type.includes("null")) {
    const types = plain.type.filter((type) => type !== "null");
    return { schema: { ...plain, type: types.length === 1 ? (types[0] as string) : types }, nullable: true };
  }
  return { schema: plain, nullable: false };
}

/** The schema's single `type`, if it has one. */
export function typeOf(schema: JsonSchema): string | undefined {
  return typeof schema.type === "string" ? schema.type : undefined;
}

/** A label for a field: its schema title, or its key made readable (`batch_rows` -> `Batch rows`). */
export function labelOf(name: string, schema: JsonSchema): string {
  if (schema.title) {
    return schema.title;
  }
  const words = name.replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
