import { describe, expect, it } from "vitest";

import type { NodeSample, PipelineSample } from "../api/preview";
import type { NodeSpec, PipelineSpec } from "./types";
import { currentSamples, type PreviewOutcome, upstreamColumns } from "./upstreamColumns";

const nodes: NodeSpec[] = [
  { id: "orders", type: "source.file", config: { path: "orders.csv" } },
  { id: "customers", type: "source.file", config: { path: "customers.csv" } },
  { id: "joined", type: "transform.join", inputs: ["orders", "customers"], config: { on: ["customer_id"] } },
  { id: "picked", type: "transform.select", inputs: ["joined"], config: { columns: ["order_id"] } },
  { id: "load", type: "sink.file", inputs: ["picked"], config: { path: "out.parquet" } },
];
const spec: PipelineSpec = { apiVersion: "aggregator/v1", id: "orders_daily", nodes };

function sample(nodeId: string, columns: string[], status: NodeSample["status"] = "ok"): NodeSample {
  return {
    node_id: nodeId,
    node_type: nodes.find((node) => node.id === nodeId)?.type ?? "",
    status,
    schema: columns.map((name) => ({ name, type: "string" })),
    rows: [],
    row_count: 0,
    truncated: false,
    limit: null,
    seconds: 0,
    error: status === "error" ? "failed" : null,
    reason: null,
  };
}

const ran: PipelineSample = {
  pipeline_id: "orders_daily",
  seconds: 0.1,
  nodes: [
    sample("orders", ["order_id", "customer_id", "amount"]),
    sample("customers", ["customer_id", "name"]),
    sample("joined", ["order_id", "customer_id", "amount", "name"]),
    sample("picked", ["order_id"]),
  ],
};
const preview: PreviewOutcome = { spec, sample: ran };

/** `spec` with node `id` changed by `change`. */
function edited(id: string, change: (node: NodeSpec) => NodeSpec): PipelineSpec {
  return { ...spec, nodes: spec.nodes.map((node) => (node.id === id ? change(node) : node)) };
}

describe("upstreamColumns", () => {
  it("is the union of the input nodes' output columns, in input order, each once", () => {
    expect(upstreamColumns(spec, "joined", preview)).toEqual({
      columns: ["order_id", "customer_id", "amount", "name"],
      source: "Columns of orders and customers, from the last preview.",
    });
    expect(upstreamColumns(spec, "load", preview)?.columns).toEqual(["order_id"]);
  });

  it("knows nothing without a preview, for a source, or for an unknown node", () => {
    expect(upstreamColumns(spec, "joined", null)).toBeNull();
    expect(upstreamColumns(spec, "orders", preview)).toBeNull();
    expect(upstreamColumns(spec, "nowhere", preview)).toBeNull();
  });

  it("keeps the columns of the inputs when the node itself changes", () => {
    const changed = edited("picked", (node) => ({ ...node, config: { columns: ["order_id", "name"] } }));
    expect(upstreamColumns(changed, "picked", preview)?.columns).toEqual(["order_id", "customer_id", "amount", "name"]);
  });

  it("drops a sample once its node, or a node above it, changes what it outputs", () => {
    const joinChanged = edited("joined", (node) => ({ ...node, config: { on: ["order_id"] } }));
    expect(upstreamColumns(joinChanged, "picked", preview)).toBeNull();
    expect(upstreamColumns(joinChanged, "joined", preview)?.columns).toHaveLength(4);

    const sourceChanged = edited("orders", (node) => ({ ...node, config: { path: "orders_v2.csv" } }));
    expect(upstreamColumns(sourceChanged, "load", preview)).toBeNull();
    expect(upstreamColumns(sourceChanged, "joined", preview)).toEqual({
      columns: ["customer_id", "name"],
      source: "Columns of customers, from the last preview. Not known yet: orders.",
    });

    const rewired = edited("picked", (node) => ({ ...node, inputs: ["orders"] }));
    expect(upstreamColumns(rewired, "load", preview)).toBeNull();
    expect(upstreamColumns(rewired, "picked", preview)?.columns).toEqual(["order_id", "customer_id", "amount"]);
  });

  it("ignores what does not change the output: names, positions, the order of config keys", () => {
    const moved = edited("joined", (node) => ({
      ...node,
      name: "Orders with customers",
      ui: { position: { x: 40, y: 80 } },
      config: { ...node.config },
    }));
    const reordered: PipelineSpec = {
      ...moved,
      nodes: moved.nodes.map((node) =>
        node.id === "picked" ? { config: { ...node.config }, inputs: ["joined"], type: node.type, id: node.id } : node,
      ),
    };
    expect(upstreamColumns(reordered, "load", preview)?.columns).toEqual(["order_id"]);
  });

  it("counts only nodes the preview ran successfully", () => {
    const failed: PreviewOutcome = {
      spec,
      sample: { ...ran, nodes: [sample("orders", [], "error"), sample("customers", ["customer_id"])] },
    };
    expect(currentSamples(spec, failed).map((node) => node.node_id)).toEqual(["customers"]);
    expect(upstreamColumns(spec, "joined", failed)?.source).toBe(
      "Columns of customers, from the last preview. Not known yet: orders.",
    );
  });

  it("gives up on nodes that read each other in a cycle instead of looping", () => {
    const cyclic: PipelineSpec = {
      ...spec,
      nodes: [
        { id: "a", type: "transform.select", inputs: ["b"], config: {} },
        { id: "b", type: "transform.select", inputs: ["a"], config: {} },
        { id: "c", type: "transform.select", inputs: ["a"], config: {} },
      ],
    };
    const outcome: PreviewOutcome = {
      spec: cyclic,
      sample: { ...ran, nodes: [sample("a", ["x"]), sample("b", ["y"])] },
    };
    expect(upstreamColumns(cyclic, "c", outcome)).toBeNull();
  });
});
