import { Stack } from "@chakra-ui/react";

import { IssueMessage } from "./IssueMessage";
import { type NodePath, withKey } from "./configPath";
import { useFormSettings } from "./formContext";
import { issuesAt, pathBelow } from "./issuePaths";
import type { JsonSchema } from "./schema/jsonSchema";
import { SchemaField } from "./SchemaField";

/** Props of {@link ConfigFields}. */
export interface ConfigFieldsProps {
  /** An object schema with `properties`. */
  schema: JsonSchema;
  /** Where the object is, from the node (`["config"]`, `["config", "csv"]`). */
  path: NodePath;
  value: Record<string, unknown>;
  /** The object with one key changed; keys without a field are kept as they are. */
  onValue: (value: Record<string, unknown>) => void;
}

/**
 * The fields of one settings object, in the schema's order, and the issues about the object itself
 * or about keys it has no field for (an unknown key).
 */
export function ConfigFields({ schema, path, value, onValue }: ConfigFieldsProps) {
  const { issues } = useFormSettings();
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const unclaimed = issuesAt(issues, path, true).filter(
    (issue) => !Object.hasOwn(properties, firstKey(pathBelow(issue, path))),
  );
  return (
    <Stack gap="4">
      {unclaimed.map((issue, index) => (
        <IssueMessage key={`${issue.path}-${index}`} issue={issue} where={pathBelow(issue, path) || undefined} />
      ))}
      {Object.entries(properties).map(([name, property]) => (
        <SchemaField
          key={name}
          name={name}
          schema={property}
          path={[...path, name]}
          value={value[name]}
          required={required.has(name)}
          onValue={(next) => onValue(withKey(value, name, next))}
        />
      ))}
    </Stack>
  );
}

function firstKey(below: string): string {
  return /^[^.[]*/.exec(below)?.[0] ?? "";
}
