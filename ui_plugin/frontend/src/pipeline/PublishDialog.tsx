import { Alert, Button, Dialog, Portal, Spinner, HStack, Text } from "@chakra-ui/react";

import { PublicationStatus } from "./PublicationStatus";
import { usePublishing } from "./usePublishing";

interface PublishDialogProps {
  open: boolean;
  onClose: () => void;
  pipelineId: string;
  /** The committed version to publish. */
  version: number;
  /** Called once the version is written to the bundle. */
  onPublished: (version: number) => void;
}

/** Confirms publishing a version, publishes it, and follows Airflow until it has parsed it. */
export function PublishDialog({ open, onClose, pipelineId, version, onPublished }: PublishDialogProps) {
  const { state, publish } = usePublishing(pipelineId, onPublished);
  const started = state.kind !== "idle" && state.kind !== "failed";

  return (
    <Dialog.Root open={open} onOpenChange={(details) => (details.open ? undefined : onClose())}>
      <Portal>
        <Dialog.Backdrop />
        <Dialog.Positioner>
          <Dialog.Content>
            <Dialog.Header>
              <Dialog.Title>
                Publish version {version} of {pipelineId}
              </Dialog.Title>
            </Dialog.Header>
            <Dialog.Body>
              {state.kind === "idle" ? (
                <Text>
                  Version {version} is written to Airflow&apos;s DAG bundle. Airflow runs it from its next parse on,
                  in place of any version published before.
                </Text>
              ) : null}
              {state.kind === "publishing" || state.kind === "waiting" ? (
                <HStack gap="2" mb="2">
                  <Spinner size="sm" />
                  <Text>{state.kind === "publishing" ? "Publishing…" : "Waiting for Airflow to parse it…"}</Text>
                </HStack>
              ) : null}
              {state.kind === "failed" ? (
                <Alert.Root status="error">
                  <Alert.Indicator />
                  <Alert.Description>{state.message}</Alert.Description>
                </Alert.Root>
              ) : null}
              {state.kind === "timed-out" ? (
                <Alert.Root status="warning" mb="2">
                  <Alert.Indicator />
                  <Alert.Description>
                    Airflow has not parsed version {version} within 2 minutes. It is published; check the DAG in
                    Airflow, or its dag-processor.
                  </Alert.Description>
                </Alert.Root>
              ) : null}
              {"publication" in state && state.publication ? (
                <PublicationStatus publication={state.publication} />
              ) : null}
            </Dialog.Body>
            <Dialog.Footer>
              <Button variant="outline" onClick={onClose}>
                {started ? "Close" : "Cancel"}
              </Button>
              {started ? null : <Button onClick={() => publish(version)}>Publish version {version}</Button>}
            </Dialog.Footer>
          </Dialog.Content>
        </Dialog.Positioner>
      </Portal>
    </Dialog.Root>
  );
}
