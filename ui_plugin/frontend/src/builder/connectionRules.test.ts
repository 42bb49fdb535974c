import { describe, expect, it } from "vitest";

import type { PipelineSpec } from "../spec/types";
import { connectionRefusal } from "./connectionRules";
import { NODE_TYPES_BY_NAME } from "./testing/nodeTypes";

const spec: PipelineSpec = {
  apiVersion: "aggregator/v1",
  id: "p",
  nodes: [
    { id: "orders", type: "source.file", config: {} },
    { id: "customers", type: "source.file", config: {} },
    { id: "paid", type: "transform.filter", inputs: ["orders"], config: {} },
    { id: "joined", type: "transform.join", inputs: ["paid", "customers"], config: {} },
    { id: "stack", type: "transform.union", inputs: ["paid"], config: {} },
    { id: "load", type: "sink.file", inputs: ["joined"], config: {} },
    { id: "free", type: "transform.filter", config: {} },
    { id: "mystery", type: "custom.unknown", config: {} },
  ],
};

const refusal = (source: string, target: string) => connectionRefusal(spec, NODE_TYPES_BY_NAME, source, target);

describe("connectionRefusal", () => {
  it.each([
    ["a cycle back to an upstream node", "joined", "paid", /cycle/],
    ["a node into itself", "free", "free", /cycle/],
    ["an edge that exists", "orders", "paid", /already connected/],
    ["an edge out of a sink", "load", "free", /sink.*no output/],
    ["an edge into a node at its maximum inputs", "customers", "paid", /at most 1 input, and has 1/],
    ["a third input of a join", "orders", "joined", /at most 2 inputs/],
    ["an edge into a source", "paid", "customers", /takes no input/],
    ["an unknown end", "orders", "nowhere", /must be nodes/],
  ])("refuses %s", (_, source, target, reason) => {
    expect(refusal(source, target)).toMatch(reason);
  });

  it("refuses a cycle through several nodes", () => {
    const looped: PipelineSpec = {
      ...spec,
      nodes: [
        { id: "a", type: "transform.union", config: {} },
        { id: "b", type: "transform.union", inputs: ["a"], config: {} },
        { id: "c", type: "transform.union", inputs: ["b"], config: {} },
      ],
    };
    expect(connectionRefusal(looped, NODE_TYPES_BY_NAME, "c", "a")).toMatch(/cycle/);
    expect(connectionRefusal(looped, NODE_TYPES_BY_NAME, "a", "c")).toBeNull();
  });

  it.each([
    ["into a node with room", "orders", "free"],
    ["into a node without a maximum", "customers", "stack"],
    ["between nodes of unknown types", "mystery", "free"],
  ])("allows an edge %s", (_, source, target) => {
    expect(refusal(source, target)).toBeNull();
  });
});
