import { Alert } from "@chakra-ui/react";

import type { ImportResult } from "../api/interchange";

/** What an import stored: the pipelines created and those skipped because their id was taken. */
export function ImportOutcome({ result }: { result: ImportResult }) {
  const { created, skipped } = result;
  return (
    <Alert.Root status={created.length > 0 ? "success" : "info"}>
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>
          {created.length === 0
            ? "No pipeline was created"
            : `Created ${created.length} pipeline${created.length === 1 ? "" : "s"}: ${created.join(", ")}`}
        </Alert.Title>
        {skipped.length > 0 ? (
          <Alert.Description>Skipped, as the id exists already: {skipped.join(", ")}</Alert.Description>
        ) : null}
      </Alert.Content>
    </Alert.Root>
  );
}
