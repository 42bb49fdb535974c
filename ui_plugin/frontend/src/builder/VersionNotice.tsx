import { Alert } from "@chakra-ui/react";
import { useSearchParams } from "react-router-dom";

import type { PipelineDetail } from "../api/components";

/**
 * When the builder is opened on a version (`?version=3`, as the DAG's Pipeline tab links it)
 * that is not the draft's, say that the draft is what is shown and where the version is.
 */
export function VersionNotice({ pipeline }: { pipeline: PipelineDetail | null }) {
  const [params] = useSearchParams();
  const asked = Number.parseInt(params.get("version") ?? "", 10);
  if (!pipeline || Number.isNaN(asked) || asked === pipeline.latest_version) {
    return null;
  }
  return (
    <Alert.Root status="info" aria-label="Version shown">
      <Alert.Indicator />
      <Alert.Description>
        You followed a link to version {asked}. The builder shows the draft
        {pipeline.latest_version === null ? "" : ` (version ${pipeline.latest_version})`}; open the Versions panel to
        see or compare version {asked}.
      </Alert.Description>
    </Alert.Root>
  );
}
