import { HStack } from "@chakra-ui/react";
import { useState } from "react";

import type { PipelineDetail } from "../api/components";
import type { PipelineSpec } from "../spec/types";
import { ActionButton } from "./ActionButton";
import { PublishDialog } from "./PublishDialog";
import { RunButton } from "./RunButton";
import { SaveDialog } from "./SaveDialog";
import { sameSpec } from "./specIdentity";

/** Props of {@link PipelineActions}. */
export interface PipelineActionsProps {
  /** The spec being edited. */
  spec: PipelineSpec;
  /** The server's copy (GET /pipelines/{id}); null for a pipeline not saved yet. */
  pipeline: PipelineDetail | null;
  /** Whether the spec has problems; publishing is blocked until they are fixed. */
  hasErrors: boolean;
  /** Whether the user may save and run (`can_edit` on Aggregator Pipelines, `can_create` for new ones). */
  canEdit: boolean;
  /** Whether the user may publish (`can_create` on Aggregator Publish). */
  canPublish: boolean;
  /** Called with the server's pipeline after a save, or after taking someone else's save. */
  onSaved: (pipeline: PipelineDetail) => void;
}

/** Save, publish and run a pipeline, each disabled with its reason when it cannot be done now. */
export function PipelineActions({ spec, pipeline, hasErrors, canEdit, canPublish, onSaved }: PipelineActionsProps) {
  const [dialog, setDialog] = useState<"save" | "publish" | null>(null);
  // Published from this page since `pipeline` was read: running is possible before it is reloaded.
  const [publishedHere, setPublishedHere] = useState<{ id: string; version: number } | null>(null);
  const unsaved = !pipeline || !sameSpec(spec, pipeline.draft_spec);
  const version = pipeline?.latest_version ?? null;

  return (
    <HStack gap="3" align="start" wrap="wrap" aria-label="Pipeline actions">
      {canEdit ? (
        <ActionButton blockedBy={null} onClick={() => setDialog("save")}>
          {pipeline ? "Save" : "Create"}
        </ActionButton>
      ) : null}
      {canPublish ? (
        <ActionButton
          blockedBy={publishBlocker(hasErrors, unsaved, version)}
          variant="outline"
          onClick={() => setDialog("publish")}
        >
          Publish
        </ActionButton>
      ) : null}
      {canEdit && pipeline ? (
        <RunButton
          pipelineId={pipeline.id}
          blockedBy={
            pipeline.published_version === null && publishedHere?.id !== pipeline.id ? "Publish a version first." : null
          }
        />
      ) : null}

      {dialog === "save" ? (
        <SaveDialog open onClose={() => setDialog(null)} spec={spec} pipeline={pipeline} onSaved={onSaved} />
      ) : null}
      {dialog === "publish" && pipeline && version !== null ? (
        <PublishDialog
          open
          onClose={() => setDialog(null)}
          pipelineId={pipeline.id}
          version={version}
          onPublished={(published) => setPublishedHere({ id: pipeline.id, version: published })}
        />
      ) : null}
    </HStack>
  );
}

function publishBlocker(hasErrors: boolean, unsaved: boolean, version: number | null): string | null {
  if (hasErrors) {
    return "Fix the pipeline's problems before publishing.";
  }
  if (unsaved || version === null) {
    return "Save your changes before publishing.";
  }
  return null;
}
