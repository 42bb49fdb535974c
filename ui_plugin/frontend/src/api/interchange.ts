/** Export and import of pipelines: spec documents and dag-factory YAML files. */

import { requestJson } from "./client";

/** The document POST /export answers in JSON: the drafts of the pipelines asked for. */
export interface ExportDocument {
  pipelines: Record<string, unknown>[];
}

/** POST /export in JSON. */
export function exportPipelines(ids: string[]): Promise<ExportDocument> {
  return requestJson<ExportDocument>("POST", "export", { body: { ids, format: "json" } });
}

/** A pipeline id that exists: fail the whole request (409, nothing stored) or skip it. */
export type OnConflict = "fail" | "skip";

/** What an import created, and what it left alone because the id was taken. */
export interface ImportResult {
  created: string[];
  skipped: string[];
}

/** POST /import: create the pipelines of a spec document (JSON or YAML, detected by the API). */
export function importPipelines(content: string, onConflict: OnConflict): Promise<ImportResult> {
  return requestJson<ImportResult>("POST", "import", { body: { content, on_conflict: onConflict } });
}

/** A DAG whose converted spec does not validate. */
export interface UnconvertedDag {
  dag_id: string;
  spec_text: string;
  errors: { path: string; message: string }[];
}

/** The answer of POST /import/dag-factory. */
export interface DagFactoryImport extends ImportResult {
  /** Every converted spec that validates. */
  pipelines: { id: string; [key: string]: unknown }[];
  invalid: UnconvertedDag[];
  /** Per DAG: mapped tasks with notes, what did not map, problems. */
  report: string[];
}

/** POST /import/dag-factory: convert a dag-factory file; with `create`, store the valid specs. */
export function importDagFactory(content: string, create: boolean, onConflict: OnConflict): Promise<DagFactoryImport> {
  return requestJson<DagFactoryImport>("POST", "import/dag-factory", {
    body: { content, create, on_conflict: onConflict },
  });
}
