import { Button, HStack, Input, Spinner, Stack, Text } from "@chakra-ui/react";
import { useId } from "react";

import { ConnectionTest } from "../connections/ConnectionTest";
import { useConnections } from "../connections/useConnections";
import { useFormSettings } from "../formContext";
import { FieldShell } from "./FieldShell";
import type { FieldProps } from "./fieldProps";

/**
 * An Airflow connection id: typed, or picked from the connections the node type can use (with their
 * type and host), and tested. Ids from secrets backends that cannot be listed can still be typed.
 */
export function ConnectionField(props: FieldProps) {
  const { nodeType, readOnly } = useFormSettings();
  const listId = useId();
  const { state, reload } = useConnections(nodeType);
  const connId = typeof props.value === "string" ? props.value : "";
  const connections = state.kind === "loaded" ? state.connections : [];
  const chosen = connections.find((connection) => connection.conn_id === connId);

  const note = (
    <Stack gap="1">
      <HStack gap="2" fontSize="xs" color="fg.muted">
        {state.kind === "loading" ? <Spinner size="xs" aria-label="Loading connections" /> : null}
        {state.kind === "loaded" ? <Text>{describe(connId, chosen, state.total, state.connTypes)}</Text> : null}
        {state.kind === "failed" ? (
          <>
            <Text color="fg.error">Could not list connections: {state.error.message}</Text>
            <Button size="2xs" variant="ghost" onClick={reload}>
              Retry
            </Button>
          </>
        ) : null}
      </HStack>
      <ConnectionTest connId={connId} disabled={readOnly} />
    </Stack>
  );

  return (
    <FieldShell field={props} note={note}>
      <Input
        size="sm"
        list={listId}
        value={connId}
        placeholder={connections.length > 0 ? "Choose or type a connection id" : "Connection id"}
        autoComplete="off"
        onChange={(event) => props.onValue(event.target.value === "" ? undefined : event.target.value)}
      />
      <datalist id={listId}>
        {connections.map((connection) => (
          <option key={connection.conn_id} value={connection.conn_id}>
            {[connection.conn_type, connection.host].filter(Boolean).join(" · ")}
          </option>
        ))}
      </datalist>
    </FieldShell>
  );
}

function describe(
  connId: string,
  chosen: { conn_type: string; host: string | null } | undefined,
  total: number,
  connTypes: string[] | null,
): string {
  if (chosen) {
    return [chosen.conn_type, chosen.host].filter(Boolean).join(" · ");
  }
  const types = connTypes ? ` of type ${connTypes.join(", ")}` : "";
  if (connId) {
    return `Not among the ${total} listed connection(s)${types}; it may come from a secrets backend.`;
  }
  return total > 0 ? `${total} connection(s)${types} to choose from.` : `No connection${types} is listed yet.`;
}
