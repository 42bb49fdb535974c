import { Badge, Box, Button, DataList, Heading, HStack, Spinner, Stack, Text } from "@chakra-ui/react";
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { Link as RouterLink } from "react-router-dom";

import { ApiError } from "../api/client";
import { getPipeline, type PipelineDetail } from "../api/components";
import { getPublication, type ParseState, type Publication } from "../api/publishing";
import { LoadError } from "../components/LoadError";

/** Props Airflow's UI gives a React app shown on a DAG's page. */
export interface PipelineTabProps {
  /** The DAG whose page shows the tab; Airflow passes it from the URL (`/dags/:dagId/plugin/:page`). */
  dagId?: string | undefined;
}

type TabState =
  | { kind: "loading" }
  | { kind: "not-a-pipeline" }
  | { kind: "failed"; error: ApiError }
  | { kind: "loaded"; pipeline: PipelineDetail; publication: Publication };

const PARSE_LOOK: Record<ParseState, { label: string; palette: string }> = {
  not_published: { label: "not published", palette: "gray" },
  pending: { label: "waiting for Airflow to parse it", palette: "yellow" },
  parsed: { label: "parsed", palette: "green" },
  error: { label: "broken", palette: "red" },
  stale: { label: "stale", palette: "orange" },
};

const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * The "Pipeline" tab of a DAG's page: for a DAG built from a pipeline spec, the pipeline's name,
 * the version the DAG runs, whether Airflow has parsed it, and a link to that version in the builder.
 * Other DAGs get a short note.
 */
export function PipelineTab({ dagId }: PipelineTabProps) {
  const { state, reload } = usePipelineOfDag(dagId);

  if (!dagId) {
    return <Note>Open a DAG to see the pipeline it was built from.</Note>;
  }
  if (state.kind === "loading") {
    return (
      <Box p="4">
        <Spinner size="sm" aria-label="Loading the pipeline" />
      </Box>
    );
  }
  if (state.kind === "not-a-pipeline") {
    return (
      <Note>
        This DAG is not built from a pipeline spec of the aggregator: it has no pipeline named{" "}
        <Text as="span" fontFamily="mono">
          {dagId}
        </Text>
        .
      </Note>
    );
  }
  if (state.kind === "failed") {
    return (
      <Box p="4">
        <LoadError error={state.error} subject="the pipeline of this DAG" onRetry={reload} />
      </Box>
    );
  }
  return <PipelineSummaryView pipeline={state.pipeline} publication={state.publication} />;
}

function PipelineSummaryView({ pipeline, publication }: { pipeline: PipelineDetail; publication: Publication }) {
  const look = PARSE_LOOK[publication.parse.state] ?? { label: publication.parse.state, palette: "gray" };
  const version = publication.version;
  const builder = `/plugin/pipelines/${encodeURIComponent(pipeline.id)}${version ? `?version=${version}` : ""}`;
  return (
    <Stack gap="4" p="4" maxW="4xl">
      <HStack justify="space-between" align="start" wrap="wrap" gap="3">
        <Box>
          <Heading size="md">{pipeline.name ?? pipeline.id}</Heading>
          {pipeline.description ? <Text color="fg.muted">{pipeline.description}</Text> : null}
        </Box>
        <Button asChild size="sm" colorPalette="blue">
          <RouterLink to={builder}>Open in builder</RouterLink>
        </Button>
      </HStack>
      <DataList.Root orientation="horizontal" size="sm">
        <Item label="Pipeline">
          <Text fontFamily="mono">{pipeline.id}</Text>
        </Item>
        <Item label="Version the DAG runs">
          {version ? (
            <Text>
              version {version}
              {publication.published_by && publication.published_at
                ? `, published by ${publication.published_by} on ${TIME_FORMAT.format(new Date(publication.published_at))}`
                : ""}
            </Text>
          ) : (
            <Text>none: the pipeline is not published</Text>
          )}
        </Item>
        <Item label="Parse state">
          <Stack gap="1">
            <Badge colorPalette={look.palette} variant="subtle" alignSelf="start">
              {look.label}
            </Badge>
            {publication.parse.message ? <Text fontSize="sm">{publication.parse.message}</Text> : null}
            {publication.parse.last_parsed_time ? (
              <Text fontSize="xs" color="fg.muted">
                last parsed {TIME_FORMAT.format(new Date(publication.parse.last_parsed_time))}
              </Text>
            ) : null}
          </Stack>
        </Item>
        {pipeline.latest_version !== null && version !== null && pipeline.latest_version > version ? (
          <Item label="Newer versions">
            <Text>version {pipeline.latest_version} is saved but not published</Text>
          </Item>
        ) : null}
      </DataList.Root>
    </Stack>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

function Note({ children }: { children: ReactNode }) {
  return (
    <Box p="4">
      <Text color="fg.muted">{children}</Text>
    </Box>
  );
}

/** The pipeline named like the DAG and its publication; "not-a-pipeline" when there is none. */
function usePipelineOfDag(dagId: string | undefined): { state: TabState; reload: () => void } {
  const [state, setState] = useState<TabState>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!dagId) {
      return;
    }
    const controller = new AbortController();
    setState({ kind: "loading" });
    Promise.all([getPipeline(dagId, controller.signal), getPublication(dagId, controller.signal)]).then(
      ([pipeline, publication]) => setState({ kind: "loaded", pipeline, publication }),
      (error: unknown) => {
        if (controller.signal.aborted) {
          return;
        }
        const apiError = error instanceof ApiError ? error : new ApiError(0, String(error));
        setState(apiError.status === 404 ? { kind: "not-a-pipeline" } : { kind: "failed", error: apiError });
      },
    );
    return () => controller.abort();
  }, [dagId, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { state, reload };
}
