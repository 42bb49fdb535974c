import { stringify } from "yaml";

import { exportPipelines } from "../api/interchange";
import { downloadFile } from "./downloadFile";

/** The formats a set of pipelines can be exported in. */
export type ExportFormat = "yaml" | "json";

const MEDIA_TYPES: Record<ExportFormat, string> = { yaml: "application/yaml", json: "application/json" };

/**
 * The text of an exported `{pipelines: [...]}` document in `format`: the same data POST /export
 * gives, which POST /import and `aggregator import` read back.
 */
export function documentText(document: unknown, format: ExportFormat): string {
  return format === "json" ? `${JSON.stringify(document, null, 2)}\n` : stringify(document);
}

/** Export the drafts of `ids` as one document and download it as `pipelines.<format>`. */
export async function exportAsFile(ids: string[], format: ExportFormat): Promise<void> {
  const document = await exportPipelines(ids);
  downloadFile(`pipelines.${format}`, documentText(document, format), MEDIA_TYPES[format]);
}
