import { Heading, Separator, Stack, Text } from "@chakra-ui/react";
import { useId, useMemo } from "react";

import type { ComponentInfo, NodeSpec, SpecIssue } from "../spec/types";
import { ConfigFields } from "./ConfigFields";
import { asRecord } from "./configPath";
import { type FormSettings, FormSettingsProvider } from "./formContext";
import { NodeHeader } from "./NodeHeader";
import { columnRule } from "./schema/columnFields";
import type { JsonSchema } from "./schema/jsonSchema";
import { UnknownSettings } from "./UnknownSettings";

/** Props of {@link NodeConfigPanel}. */
export interface NodeConfigPanelProps {
  /** The node being edited. */
  node: NodeSpec;
  /** Its node type from GET /components; its `config_schema` drives the form. */
  component: ComponentInfo;
  /** Columns of the node's inputs, offered in fields that name columns (free text still allowed). */
  upstreamColumns?: string[] | undefined;
  /** Where `upstreamColumns` come from (`Columns of orders, from the last preview.`), shown with the settings. */
  columnsSource?: string | undefined;
  /** Issues of this node (paths like `nodes[3].config.where` or `config.where`), shown at their fields. */
  issues: SpecIssue[];
  /** Show everything, change nothing. */
  readOnly: boolean;
  /** Called with a new node object on every change; keys the form does not know are kept. */
  onChange: (node: NodeSpec) => void;
}

/**
 * The settings of one node: its id, name and description, and a form generated from its node type's
 * config schema, with each issue shown at its field.
 */
export function NodeConfigPanel(props: NodeConfigPanelProps) {
  const { node, component, upstreamColumns = [], columnsSource, issues, readOnly, onChange } = props;
  const columnListId = useId();
  const schema = component.config_schema as JsonSchema;
  const settings = useMemo<FormSettings>(
    () => ({
      nodeType: component.name,
      definitions: schema.$defs ?? {},
      issues,
      readOnly,
      columnListId: upstreamColumns.length > 0 ? columnListId : undefined,
      columnRule: columnRule(schema),
    }),
    [component.name, schema, issues, readOnly, upstreamColumns.length, columnListId],
  );
  const config = asRecord(node.config);
  const setConfig = (next: Record<string, unknown>) => onChange({ ...node, config: next });
  const known = useMemo(() => new Set(Object.keys(schema.properties ?? {})), [schema]);

  return (
    <FormSettingsProvider value={settings}>
      <Stack gap="4" aria-label={`Settings of ${node.id}`} role="form">
        <NodeHeader node={node} component={component} onChange={onChange} />
        <Separator />
        <Heading size="sm">Settings</Heading>
        {upstreamColumns.length > 0 && columnsSource ? (
          <Text color="fg.muted" fontSize="xs" role="note" aria-label="Column suggestions">
            {columnsSource} Fields naming columns suggest them.
          </Text>
        ) : null}
        <ConfigFields schema={schema} path={["config"]} value={config} onValue={setConfig} />
        <UnknownSettings config={config} known={known} onConfig={setConfig} />
        {upstreamColumns.length > 0 ? (
          <datalist id={columnListId}>
            {upstreamColumns.map((column) => (
              <option key={column} value={column} />
            ))}
          </datalist>
        ) : null}
      </Stack>
    </FormSettingsProvider>
  );
}
