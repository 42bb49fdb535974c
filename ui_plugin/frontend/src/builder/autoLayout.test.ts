import { describe, expect, it } from "vitest";

import type { PipelineSpec } from "../spec/types";
import { autoLayout } from "./autoLayout";

describe("autoLayout", () => {
  it("places each node right of the nodes it reads, and siblings apart", () => {
    const spec: PipelineSpec = {
      apiVersion: "aggregator/v1",
      id: "p",
      nodes: [
        { id: "load", type: "sink.file", inputs: ["joined"] },
        { id: "joined", type: "transform.join", inputs: ["orders", "customers"] },
        { id: "orders", type: "source.file" },
        { id: "customers", type: "source.file" },
        { id: "dangling", type: "transform.filter", inputs: ["gone"] },
      ],
    };
    const at = autoLayout(spec, { joined: { width: 300, height: 80 } });
    const x = (id: string) => at[id]?.x ?? Number.NaN;
    expect(x("orders")).toBeLessThan(x("joined"));
    expect(x("customers")).toBeLessThan(x("joined"));
    expect(x("joined")).toBeLessThan(x("load"));
    expect(at.orders?.y).not.toBe(at.customers?.y);
    expect(Object.keys(at).sort()).toEqual(["customers", "dangling", "joined", "load", "orders"]);
    expect(Object.values(at).every((position) => Number.isInteger(position.x) && Number.isInteger(position.y))).toBe(true);
  });
});
