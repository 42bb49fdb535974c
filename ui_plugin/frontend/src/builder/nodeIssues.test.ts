import { describe, expect, it } from "vitest";

import type { PipelineSpec, SpecIssue } from "../spec/types";
import { issuesByNode, pipelineIssues } from "./nodeIssues";

const spec: PipelineSpec = {
  apiVersion: "aggregator/v1",
  id: "p",
  nodes: Array.from({ length: 12 }, (_, index) => ({ id: `n${index}`, type: "source.file" })),
};
const issue = (path: string): SpecIssue => ({ path, message: `bad ${path}`, line: null, column: null });

describe("issuesByNode", () => {
  it("counts each issue for the node its path starts with", () => {
    const issues = [
      issue("nodes[1].config.where"),
      issue("nodes[1].inputs[0]"),
      issue("nodes[1]"),
      issue("nodes[11].type"),
      issue("nodes[10]x"),
      issue("schedule"),
      issue("nodes[40].id"),
    ];
    const grouped = issuesByNode(spec, issues);
    expect(Object.fromEntries(Object.entries(grouped).map(([id, found]) => [id, found.length]))).toEqual({ n1: 3, n11: 1 });
    expect(pipelineIssues(spec, issues).map((found) => found.path)).toEqual(["nodes[10]x", "schedule", "nodes[40].id"]);
  });
});
