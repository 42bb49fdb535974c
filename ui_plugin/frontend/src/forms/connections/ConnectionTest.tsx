import { Alert, Button, Stack } from "@chakra-ui/react";
import { useEffect, useState } from "react";

import type { ApiError } from "../../api/client";
import { type ConnectionTestResult, testConnection } from "../../api/connections";

/** Props of {@link ConnectionTest}. */
export interface ConnectionTestProps {
  /** The connection to test; the button is disabled while empty. */
  connId: string;
  disabled: boolean;
}

type TestState =
  | { kind: "idle" }
  | { kind: "testing" }
  | { kind: "done"; connId: string; result: ConnectionTestResult }
  | { kind: "failed"; connId: string; error: ApiError };

/**
 * "Test connection": asks Airflow to connect with the connection's hook and shows what it said,
 * or why it could not test (testing disabled by the Airflow admin, no such connection, no permission).
 */
export function ConnectionTest({ connId, disabled }: ConnectionTestProps) {
  const [state, setState] = useState<TestState>({ kind: "idle" });
  useEffect(() => setState({ kind: "idle" }), [connId]);
  const run = () => {
    setState({ kind: "testing" });
    testConnection(connId).then(
      (result) => setState({ kind: "done", connId, result }),
      (error: ApiError) => setState({ kind: "failed", connId, error }),
    );
  };
  return (
    <Stack gap="2">
      <Button
        size="xs"
        variant="outline"
        alignSelf="start"
        loading={state.kind === "testing"}
        loadingText="Testing…"
        disabled={disabled || connId === ""}
        onClick={run}
      >
        Test connection
      </Button>
      {state.kind === "done" ? (
        <Alert.Root
          size="sm"
          status={state.result.status ? "success" : "error"}
          role={state.result.status ? "status" : "alert"}
        >
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Title>{state.result.status ? `${state.connId} works` : `${state.connId} failed`}</Alert.Title>
            {state.result.message ? <Alert.Description>{state.result.message}</Alert.Description> : null}
          </Alert.Content>
        </Alert.Root>
      ) : null}
      {state.kind === "failed" ? (
        <Alert.Root size="sm" status={state.error.status === 403 ? "warning" : "error"} role="alert">
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Title>{failureTitle(state.error)}</Alert.Title>
            <Alert.Description>{state.error.message}</Alert.Description>
          </Alert.Content>
        </Alert.Root>
      ) : null}
    </Stack>
  );
}

function failureTitle(error: ApiError): string {
  if (error.detail?.error === "test_connection_disabled") {
    return "Testing connections is turned off";
  }
  if (error.status === 403) {
    return "No permission to test connections";
  }
  return "Could not test the connection";
}
