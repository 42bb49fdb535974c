/**
 * The pipeline spec (`apiVersion: aggregator/v1`) and the registry's node types as the API
 * sends them. The spec's JSON Schema (GET /schema) is the full definition; these types name
 * what the UI reads and writes, and keep every other key as it came (round trips are lossless).
 */

/** Where the builder drew a node; it does not change what runs. */
export interface NodePosition {
  x: number;
  y: number;
}

/** One node of a pipeline. */
export interface NodeSpec {
  id: string;
  type: string;
  name?: string;
  description?: string;
  inputs?: string[];
  config?: Record<string, unknown>;
  ui?: { position?: NodePosition };
  [key: string]: unknown;
}

/** A pipeline spec. Keys the UI does not edit are kept as they are. */
export interface PipelineSpec {
  apiVersion: "aggregator/v1";
  id: string;
  name?: string;
  description?: string;
  owner?: string;
  tags?: string[];
  schedule?: string | null;
  nodes: NodeSpec[];
  [key: string]: unknown;
}

/** One problem of a spec, at its path (`nodes[2].config.where`); line and column for text. */
export interface SpecIssue {
  path: string;
  message: string;
  line: number | null;
  column: number | null;
}

/** A node type of the registry (GET /components). */
export interface ComponentInfo {
  name: string;
  category: string;
  title: string;
  description: string;
  icon: string | null;
  inputs: { min: number; max: number | null };
  has_output: boolean;
  code_bearing: boolean;
  fusable: boolean;
  example: Record<string, unknown> | null;
  /** JSON Schema of the node's `config`. */
  config_schema: Record<string, unknown>;
  [key: string]: unknown;
}
