import { ChakraProvider, defaultSystem } from "@chakra-ui/react";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { NODE_TYPE_DRAG, NodePalette } from "./NodePalette";
import { NODE_TYPES } from "./testing/nodeTypes";

afterEach(cleanup);

function renderPalette(onAdd = vi.fn()) {
  render(
    <ChakraProvider value={defaultSystem}>
      <NodePalette components={NODE_TYPES} onAdd={onAdd} />
    </ChakraProvider>,
  );
  return onAdd;
}

const itemNames = () => screen.queryAllByRole("button").map((button) => button.getAttribute("aria-label"));

describe("NodePalette", () => {
  it("groups node types by category, sources first and sinks last", () => {
    renderPalette();
    const groups = screen.getAllByRole("group").map((group) => group.getAttribute("aria-label"));
    expect(groups).toEqual(["Sources", "Transforms", "Sinks"]);
    const transforms = within(screen.getByRole("group", { name: "Transforms" })).getAllByRole("button");
    expect(transforms.map((button) => button.getAttribute("aria-label"))).toEqual([
      "Add Filter (transform.filter)",
      "Add Join (transform.join)",
      "Add SQL query (sql.query)",
      "Add Union (transform.union)",
    ]);
  });

  it("finds types by name, title or description, any case", () => {
    renderPalette();
    const box = screen.getByLabelText("Search node types");
    fireEvent.change(box, { target: { value: "JOIN" } });
    expect(itemNames()).toEqual(["Add Join (transform.join)"]);
    fireEvent.change(box, { target: { value: "parquet" } });
    expect(itemNames()).toEqual(["Add File (source.file)"]);
    fireEvent.change(box, { target: { value: "sink." } });
    expect(itemNames()).toEqual(["Add File output (sink.file)"]);
    fireEvent.change(box, { target: { value: "nothing like it" } });
    expect(itemNames()).toEqual([]);
    expect(screen.getByText(/No node type matches/)).toBeTruthy();
  });

  it("adds a type on click and carries it when dragged", () => {
    const onAdd = renderPalette();
    fireEvent.click(screen.getByRole("button", { name: "Add Filter (transform.filter)" }));
    expect(onAdd).toHaveBeenCalledWith("transform.filter");

    const data = new Map<string, string>();
    const dataTransfer = { setData: (type: string, value: string) => data.set(type, value), effectAllowed: "" };
    fireEvent.dragStart(screen.getByRole("button", { name: "Add Join (transform.join)" }), { dataTransfer });
    expect(data.get(NODE_TYPE_DRAG)).toBe("transform.join");
  });
});
