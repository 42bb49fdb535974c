import { BooleanField } from "./fields/BooleanField";
import { ConnectionField } from "./fields/ConnectionField";
import { EnumField } from "./fields/EnumField";
import { ExpressionField } from "./fields/ExpressionField";
import type { FieldProps } from "./fields/fieldProps";
import { JsonField } from "./fields/JsonField";
import { ListField } from "./fields/ListField";
import { MapField } from "./fields/MapField";
import { NumberField } from "./fields/NumberField";
import { ObjectFieldset } from "./fields/ObjectFieldset";
import { ObjectListField } from "./fields/ObjectListField";
import { TextField } from "./fields/TextField";
import type { NodePath } from "./configPath";
import { useFormSettings } from "./formContext";
import { fieldKind } from "./schema/fieldKind";
import { type JsonSchema, labelOf, unwrapNullable } from "./schema/jsonSchema";

/** Props of {@link SchemaField}. */
export interface SchemaFieldProps {
  name: string;
  /** The property's schema as the config schema has it (`$ref`, `anyOf` with null...). */
  schema: JsonSchema;
  path: NodePath;
  value: unknown;
  required: boolean;
  /** Set the value; undefined removes the key. */
  onValue: (value: unknown) => void;
}

/** One config field, with the editor its schema calls for. */
export function SchemaField({ name, schema, path, value, required, onValue }: SchemaFieldProps) {
  const { definitions } = useFormSettings();
  const { schema: plain, nullable } = unwrapNullable(schema, definitions);
  const label = labelOf(name, plain);
  const props: FieldProps = { name, label, schema: plain, path, value, required, nullable, onValue };
  const kind = fieldKind(plain, definitions);
  switch (kind.kind) {
    case "connection":
      return <ConnectionField {...props} />;
    case "expression":
      return <ExpressionField {...props} />;
    case "enum":
      return <EnumField {...props} options={kind.options} />;
    case "boolean":
      return <BooleanField {...props} />;
    case "number":
      return <NumberField {...props} integer={kind.integer} />;
    case "text":
      return <TextField {...props} />;
    case "scalarList":
      return <ListField {...props} item={kind.item} />;
    case "objectList":
      return <ObjectListField {...props} item={kind.item} />;
    case "map":
      return <MapField {...props} valueKind={kind.value} />;
    case "object":
      return <ObjectFieldset {...props} />;
    case "json":
      return <JsonField {...props} />;
  }
}
