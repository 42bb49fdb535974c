import { Badge } from "@chakra-ui/react";

import type { PipelineSummary } from "../api/pipelines";

const PALETTE: Record<PipelineSummary["status"], string> = {
  draft: "gray",
  published: "green",
  deleted: "red",
};

/** A pipeline's status as a coloured badge. */
export function StatusBadge({ status }: { status: PipelineSummary["status"] }) {
  return (
    <Badge colorPalette={PALETTE[status] ?? "gray"} variant="subtle">
      {status}
    </Badge>
  );
}
