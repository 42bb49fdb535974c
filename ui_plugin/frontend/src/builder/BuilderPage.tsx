import { Box, HStack, Link, Spinner, Stack, Text } from "@chakra-ui/react";
import { Link as RouterLink, useNavigate } from "react-router-dom";

import { LoadError } from "../components/LoadError";
import { usePermissions } from "../permissions/usePermissions";
import { BuilderEditor } from "./BuilderEditor";
import { useBuilderData } from "./useBuilderData";

/** Props of {@link BuilderPage}. */
export interface BuilderPageProps {
  /** The pipeline to open; null to design a new one. */
  pipelineId: string | null;
}

/**
 * The pipeline builder: loads the node types and the pipeline, then opens the editor, read
 * only for users who may not change it.
 */
export function BuilderPage({ pipelineId }: BuilderPageProps) {
  const { state, reload } = useBuilderData(pipelineId);
  const permissions = usePermissions();
  const navigate = useNavigate();
  const mayWrite = permissions.can(pipelineId === null ? "can_create" : "can_edit", "Aggregator Pipelines");

  return (
    <Stack gap="2" p="4">
      <HStack gap="2" fontSize="sm">
        <Link asChild color="fg.muted">
          <RouterLink to="..">← Pipelines</RouterLink>
        </Link>
      </HStack>
      {state.kind === "loading" || permissions.loading ? (
        <HStack gap="2">
          <Spinner size="sm" aria-label="Loading the pipeline" />
          <Text color="fg.muted">Loading…</Text>
        </HStack>
      ) : null}
      {state.kind === "failed" ? <LoadError error={state.error} subject={state.subject} onRetry={reload} /> : null}
      {state.kind === "loaded" && !permissions.loading ? (
        <Box>
          <BuilderEditor
            components={state.components}
            pipeline={state.pipeline}
            readOnly={!mayWrite}
            canEditCode={permissions.can("can_edit", "Aggregator Code")}
            canPublish={permissions.can("can_create", "Aggregator Publish")}
            onCreated={(created) => navigate(`../${encodeURIComponent(created.id)}`, { replace: true })}
          />
        </Box>
      ) : null}
    </Stack>
  );
}
