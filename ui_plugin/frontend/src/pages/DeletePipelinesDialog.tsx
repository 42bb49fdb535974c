import { Badge, Button, HStack, List, Stack, Text } from "@chakra-ui/react";
import { useState } from "react";

import type { ApiError } from "../api/client";
import type { PipelineListItem } from "../api/pipelines";
import { ActionDialog } from "../components/ActionDialog";
import { deleteEach, type DeletionOutcome } from "./pipelineDeletion";

interface DeletePipelinesDialogProps {
  /** The pipelines to delete. */
  pipelines: PipelineListItem[];
  open: boolean;
  onClose: () => void;
  /** Called once every request has answered, with each pipeline's outcome. */
  onFinished: (outcomes: DeletionOutcome) => void;
}

/**
 * Confirm, then delete each pipeline (a soft delete, which can be undone), showing per pipeline
 * whether it was deleted or why not. Each is deleted only if nobody changed it since it was listed.
 */
export function DeletePipelinesDialog({ pipelines, open, onClose, onFinished }: DeletePipelinesDialogProps) {
  const [outcomes, setOutcomes] = useState<DeletionOutcome>({});
  const [phase, setPhase] = useState<"confirming" | "deleting" | "done">("confirming");
  const count = pipelines.length;

  const close = () => {
    setOutcomes({});
    setPhase("confirming");
    onClose();
  };

  const run = async () => {
    setPhase("deleting");
    const all = await deleteEach(pipelines, (id, outcome) => setOutcomes((current) => ({ ...current, [id]: outcome })));
    setPhase("done");
    onFinished(all);
  };

  return (
    <ActionDialog
      title={`Delete ${count} pipeline${count === 1 ? "" : "s"}?`}
      open={open}
      onClose={close}
      busy={phase === "deleting"}
      done={phase === "done"}
      actions={
        phase === "done" ? null : (
          <Button colorPalette="red" loading={phase === "deleting"} onClick={() => void run()}>
            Delete
          </Button>
        )
      }
    >
      <Stack gap="3">
        <Text>
          Deleted pipelines leave the list; their versions and publications are kept, and an admin can restore them
          through the API. A published pipeline's DAG stays in the bundle until it is unpublished.
        </Text>
        <List.Root as="ul" gap="1" ps="0" listStyle="none" aria-label="Pipelines to delete">
          {pipelines.map((pipeline) => (
            <List.Item key={pipeline.id}>
              <HStack gap="2" align="baseline">
                <Text fontFamily="mono">{pipeline.id}</Text>
                <OutcomeNote outcome={outcomes[pipeline.id]} />
              </HStack>
            </List.Item>
          ))}
        </List.Root>
      </Stack>
    </ActionDialog>
  );
}

function OutcomeNote({ outcome }: { outcome: "deleted" | ApiError | undefined }) {
  if (outcome === undefined) {
    return null;
  }
  if (outcome === "deleted") {
    return (
      <Badge colorPalette="green" variant="subtle">
        deleted
      </Badge>
    );
  }
  return (
    <Text color="fg.error" fontSize="sm">
      not deleted: {outcome.message}
    </Text>
  );
}
