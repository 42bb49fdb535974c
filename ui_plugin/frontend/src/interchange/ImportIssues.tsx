import { Alert, List, Text } from "@chakra-ui/react";

import type { ApiError } from "../api/client";
import { issuesOf } from "../components/apiIssues";

/** An import the API refused: its message, then each problem with where it is. */
export function ImportIssues({ error }: { error: ApiError }) {
  const issues = issuesOf(error);
  return (
    <Alert.Root status="error" alignItems="start">
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>{error.status === 409 ? "A pipeline id is taken" : "Nothing was imported"}</Alert.Title>
        <Alert.Description>
          <Text>{error.message}</Text>
          {issues.length > 0 ? (
            <List.Root as="ul" ps="4" mt="2" aria-label="Problems">
              {issues.map((issue, index) => (
                <List.Item key={index}>
                  {issue.pipeline_id ? <Text as="span" fontFamily="mono">{issue.pipeline_id}: </Text> : null}
                  <Text as="span" fontFamily="mono">
                    {issue.path}
                  </Text>
                  {issue.line ? ` (line ${issue.line}${issue.column ? `, column ${issue.column}` : ""})` : ""}: {issue.message}
                </List.Item>
              ))}
            </List.Root>
          ) : null}
        </Alert.Description>
      </Alert.Content>
    </Alert.Root>
  );
}
