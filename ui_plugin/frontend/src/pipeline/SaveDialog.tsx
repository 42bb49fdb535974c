import { Alert, Button, Dialog, Field, HStack, Input, Portal, Text } from "@chakra-ui/react";
import { useState } from "react";

import type { PipelineDetail } from "../api/components";
import type { PipelineSpec } from "../spec/types";
import { useSavePipeline } from "./useSavePipeline";

interface SaveDialogProps {
  open: boolean;
  onClose: () => void;
  spec: PipelineSpec;
  /** The server's copy; null for a pipeline not saved yet. */
  pipeline: PipelineDetail | null;
  onSaved: (pipeline: PipelineDetail) => void;
}

/** Asks for a version message, saves, and resolves a conflict with someone else's save. */
export function SaveDialog({ open, onClose, spec, pipeline, onSaved }: SaveDialogProps) {
  const [message, setMessage] = useState("");
  const saving = useSavePipeline(spec, pipeline, (saved) => {
    setMessage("");
    onClose();
    onSaved(saved);
  });
  const { state } = saving;
  const busy = state.kind === "saving";
  const text = message.trim() || (pipeline ? "Saved" : "Created");
  const close = () => {
    saving.reset();
    onClose();
  };

  return (
    <Dialog.Root open={open} onOpenChange={(details) => (details.open ? undefined : close())}>
      <Portal>
        <Dialog.Backdrop />
        <Dialog.Positioner>
          <Dialog.Content>
            <Dialog.Header>
              <Dialog.Title>{pipeline ? `Save ${pipeline.id}` : `Create ${spec.id}`}</Dialog.Title>
            </Dialog.Header>
            <Dialog.Body>
              <Field.Root>
                <Field.Label>Version message</Field.Label>
                <Input
                  value={message}
                  placeholder={pipeline ? "What changed" : "Created"}
                  maxLength={1000}
                  onChange={(event) => setMessage(event.target.value)}
                />
                <Field.HelperText>
                  {pipeline
                    ? `Saving commits version ${(pipeline.latest_version ?? 0) + 1}.`
                    : "Saving creates version 1."}
                </Field.HelperText>
              </Field.Root>
              {state.kind === "failed" ? (
                <Alert.Root status="error" mt="3">
                  <Alert.Indicator />
                  <Alert.Description>{state.message}</Alert.Description>
                </Alert.Root>
              ) : null}
              {state.kind === "conflict" ? (
                <Alert.Root status="warning" mt="3" aria-label="Save conflict">
                  <Alert.Indicator />
                  <Alert.Content>
                    <Alert.Title>Someone else saved this pipeline</Alert.Title>
                    <Alert.Description>
                      <Text>{state.message}</Text>
                      <HStack mt="2" gap="2" wrap="wrap">
                        <Button size="xs" variant="outline" onClick={() => void saving.reloadTheirs()}>
                          Reload theirs
                        </Button>
                        <Button size="xs" colorPalette="orange" onClick={() => void saving.overwrite(text)}>
                          Keep mine and overwrite
                        </Button>
                      </HStack>
                    </Alert.Description>
                  </Alert.Content>
                </Alert.Root>
              ) : null}
            </Dialog.Body>
            <Dialog.Footer>
              <Button variant="outline" onClick={close} disabled={busy}>
                Cancel
              </Button>
              <Button
                onClick={() => void saving.save(text)}
                loading={busy}
                loadingText="Saving"
                disabled={state.kind === "conflict"}
              >
                Save
              </Button>
            </Dialog.Footer>
          </Dialog.Content>
        </Dialog.Positioner>
      </Portal>
    </Dialog.Root>
  );
}
