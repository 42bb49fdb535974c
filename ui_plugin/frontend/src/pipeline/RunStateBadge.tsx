import { Badge } from "@chakra-ui/react";

const PALETTE: Record<string, string> = {
  success: "green",
  failed: "red",
  upstream_failed: "orange",
  up_for_retry: "yellow",
  running: "cyan",
  queued: "gray",
  scheduled: "gray",
  skipped: "pink",
  deferred: "purple",
};

/** An Airflow run or task state as a badge, coloured as Airflow colours it. */
export function RunStateBadge({ state }: { state: string | null }) {
  const label = state ?? "none";
  return (
    <Badge colorPalette={PALETTE[label] ?? "gray"} variant="subtle">
      {label}
    </Badge>
  );
}
