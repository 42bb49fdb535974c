import { describe, expect, it } from "vitest";

import { sortNodeChanges } from "./nodeChanges";

describe("sortNodeChanges", () => {
  it("keeps a drag's positions apart from the drop's, rounded to whole pixels", () => {
    const sorted = sortNodeChanges(
      [
        { type: "position", id: "a", position: { x: 10.4, y: 20.6 }, dragging: true },
        { type: "position", id: "b", position: { x: 5, y: 6 }, dragging: false },
      ],
      [],
      null,
    );
    expect(sorted.moving).toEqual({ a: { x: 10, y: 21 } });
    expect(sorted.dropped).toEqual({ b: { x: 5, y: 6 } });
    expect(sorted.selection).toBeNull();
  });

  it("drops a node where it was last dragged when the drop names no position", () => {
    const sorted = sortNodeChanges([{ type: "position", id: "a", dragging: false }], [], { a: { x: 40, y: 50 } });
    expect(sorted.dropped).toEqual({ a: { x: 40, y: 50 } });
    expect(sortNodeChanges([{ type: "position", id: "a", dragging: false }], [], null).dropped).toEqual({});
  });

  it("collects sizes and applies selection changes to the current selection", () => {
    const sorted = sortNodeChanges(
      [
        { type: "dimensions", id: "a", dimensions: { width: 200, height: 60 } },
        { type: "select", id: "a", selected: true },
        { type: "select", id: "b", selected: false },
      ],
      ["b", "c"],
      null,
    );
    expect(sorted.sizes).toEqual({ a: { width: 200, height: 60 } });
    expect(sorted.selection).toEqual(["c", "a"]);
  });
});
