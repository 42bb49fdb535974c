import { Badge, HStack, Link, Stack, Text } from "@chakra-ui/react";

import type { ParseState, Publication } from "../api/publishing";
import { airflowPageUrl } from "./airflowLink";
import { PausedNotice } from "./PausedNotice";

const PALETTE: Record<ParseState, string> = {
  not_published: "gray",
  pending: "blue",
  parsed: "green",
  error: "red",
  stale: "orange",
};

const LABEL: Record<ParseState, string> = {
  not_published: "not published",
  pending: "waiting for Airflow",
  parsed: "parsed by Airflow",
  error: "broken in Airflow",
  stale: "stale in Airflow",
};

/** What Airflow made of a published version, with a link to the DAG's page in Airflow. */
export function PublicationStatus({ publication }: { publication: Publication }) {
  const { parse } = publication;
  return (
    <Stack gap="1" aria-label="Publication status">
      <HStack gap="2" wrap="wrap">
        <Badge colorPalette={PALETTE[parse.state]} variant="subtle">
          {LABEL[parse.state]}
        </Badge>
        {publication.version !== null ? <Text fontSize="sm">version {publication.version}</Text> : null}
        <Link href={airflowPageUrl(publication.dag_url)} fontSize="sm" colorPalette="blue">
          Open {publication.dag_id} in Airflow
        </Link>
      </HStack>
      {parse.is_paused ? <PausedNotice dagId={publication.dag_id} /> : null}
      {parse.message ? (
        <Text fontSize="sm" color={parse.state === "error" ? "fg.error" : "fg.muted"}>
          {parse.message}
        </Text>
      ) : null}
    </Stack>
  );
}
