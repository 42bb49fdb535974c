import { Badge, Box, Code, Field, Heading, HStack, Input, Stack, Text, Textarea } from "@chakra-ui/react";

import type { ReactNode } from "react";

import type { ComponentInfo, NodeSpec } from "../spec/types";
import { IssueMessage } from "./IssueMessage";
import { withKey } from "./configPath";
import { useFormSettings } from "./formContext";
import { issuesAt, pathInNode } from "./issuePaths";
import { nodeIdError } from "./nodeId";
import { useDraft } from "./useDraft";

/** Props of {@link NodeHeader}. */
export interface NodeHeaderProps {
  node: NodeSpec;
  component: ComponentInfo;
  onChange: (node: NodeSpec) => void;
}

/** Issue paths inside the node's config, which the config form shows. */
const CONFIG = /^config([.[]|$)/;

/**
 * What the node is (its type's title and description) and what it is called: id (checked as the spec
 * checks it; an invalid id stays on screen and is not applied), name and description.
 */
export function NodeHeader({ node, component, onChange }: NodeHeaderProps) {
  const { issues } = useFormSettings();
  const [id, keepId] = useDraft(node.id, (value) => value);
  const idError = nodeIdError(id);
  const other = issues.filter((issue) => {
    const at = pathInNode(issue);
    return !CONFIG.test(at) && !["id", "name", "description"].includes(at);
  });
  const text = (key: "name" | "description", value: string) =>
    onChange(withKey(node, key, value === "" ? undefined : value) as NodeSpec);

  return (
    <Stack gap="3">
      <Box>
        <HStack gap="2" wrap="wrap">
          <Heading size="md">{component.title}</Heading>
          <Badge variant="surface">{component.category}</Badge>
          {component.code_bearing ? <Badge colorPalette="orange">code</Badge> : null}
        </HStack>
        <Code size="sm" variant="plain" color="fg.muted">
          {component.name}
        </Code>
        <Text fontSize="sm" color="fg.muted" mt="1">
          {component.description}
        </Text>
      </Box>
      {other.map((issue, index) => (
        <IssueMessage key={`${issue.path}-${index}`} issue={issue} where={pathInNode(issue) || "node"} />
      ))}
      <NodeField label="Id" nodeKey="id" required error={idError} help="Unique in the pipeline; the Airflow task id.">
        <Input
          size="sm"
          fontFamily="mono"
          value={id}
          onChange={(event) => {
            const next = event.target.value;
            const valid = nodeIdError(next) === null;
            keepId(next, valid ? next : node.id);
            if (valid) {
              onChange({ ...node, id: next });
            }
          }}
        />
      </NodeField>
      <NodeField label="Name" nodeKey="name">
        <Input
          size="sm"
          value={node.name ?? ""}
          placeholder={node.id}
          onChange={(event) => text("name", event.target.value)}
        />
      </NodeField>
      <NodeField label="Description" nodeKey="description">
        <Textarea
          size="sm"
          rows={2}
          value={node.description ?? ""}
          onChange={(event) => text("description", event.target.value)}
        />
      </NodeField>
    </Stack>
  );
}

interface NodeFieldProps {
  label: string;
  /** The node key edited, whose issues are shown. */
  nodeKey: string;
  required?: boolean;
  /** An error found before the spec is checked. */
  error?: string | null;
  help?: string;
  children: ReactNode;
}

/** A field of the node itself (not its config), with its issues. */
function NodeField({ label, nodeKey, required = false, error, help, children }: NodeFieldProps) {
  const { issues, readOnly } = useFormSettings();
  const found = issuesAt(issues, [nodeKey]);
  return (
    <Field.Root required={required} invalid={Boolean(error) || found.length > 0} disabled={readOnly}>
      <Field.Label>
        {label}
        <Field.RequiredIndicator />
      </Field.Label>
      {children}
      {help ? <Field.HelperText>{help}</Field.HelperText> : null}
      {error || found.length > 0 ? (
        <Field.ErrorText flexDirection="column" alignItems="start">
          {error ? <Text>{error}</Text> : null}
          {found.map((issue, index) => (
            <IssueMessage key={`${issue.path}-${index}`} issue={issue} />
          ))}
        </Field.ErrorText>
      ) : null}
    </Field.Root>
  );
}
