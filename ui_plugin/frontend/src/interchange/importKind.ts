import { parse } from "yaml";

/** What a file to import holds: aggregator specs, or DAGs in dag-factory's YAML. */
export type ImportKind = "specs" | "dag-factory";

/**
 * A guess of what `content` holds, to preselect in the import dialog: aggregator documents have
 * `apiVersion` or `pipelines`, or are lists of specs; dag-factory files map DAG ids to DAGs with
 * `tasks`. Unreadable text counts as specs, whose import reports where it is malformed.
 */
export function guessImportKind(content: string): ImportKind {
  let data: unknown;
  try {
    data = parse(content);
  } catch {
    return "specs";
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return "specs";
  }
  const document = data as Record<string, unknown>;
  if ("apiVersion" in document || "pipelines" in document) {
    return "specs";
  }
  const isDag = (value: unknown) => typeof value === "object" && value !== null && "tasks" in value;
  return Object.values(document).some(isDag) ? "dag-factory" : "specs";
}
