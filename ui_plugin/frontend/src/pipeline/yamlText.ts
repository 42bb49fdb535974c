import { parseDocument, stringify } from "yaml";

import type { PipelineSpec } from "../spec/types";

/** Why a text is not a spec, and where (1-based line and column) when the YAML itself is broken. */
export interface TextProblem {
  message: string;
  line: number | null;
  column: number | null;
}

/** A spec as the YAML the code view shows. */
export function specToYaml(spec: PipelineSpec): string {
  return stringify(spec, { lineWidth: 0 });
}

/** The spec a YAML (or JSON) text holds, or why it holds none. Nothing else is checked here. */
export function yamlToSpec(text: string): { spec: PipelineSpec } | { problem: TextProblem } {
  const document = parseDocument(text, { prettyErrors: true });
  const [error] = document.errors;
  if (error) {
    const position = error.linePos?.[0];
    return {
      problem: {
        // The first line of the message, without the position it ends with (shown apart).
        message: (error.message.split("\n")[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, ""),
        line: position?.line ?? null,
        column: position?.col ?? null,
      },
    };
  }
  const value: unknown = document.toJS();
  const isMapping = typeof value === "object" && value !== null && !Array.isArray(value);
  if (!isMapping || !Array.isArray((value as PipelineSpec).nodes)) {
    const message = "The text is not a pipeline spec: it needs a mapping with a list of nodes.";
    return { problem: { message, line: null, column: null } };
  }
  return { spec: value as PipelineSpec };
}

/** The offset in `text` where 1-based `line` starts. */
export function lineOffset(text: string, line: number): number {
  let offset = 0;
  for (let current = 1; current < line; current += 1) {
    const next = text.indexOf("\n", offset);
    if (next === -1) {
      return text.length;
    }
    offset = next + 1;
  }
  return offset;
}
