import "../testing/reactFlowSetup";

import { ChakraProvider, defaultSystem } from "@chakra-ui/react";
import { cleanup, createEvent, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { useReducer, useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { PipelineSpec } from "../spec/types";
import { BuilderCanvas, type BuilderCanvasProps } from "./BuilderCanvas";
import { builderReducer, initialBuilderState } from "./builderReducer";
import { NODE_TYPE_DRAG } from "./NodePalette";
import { NODE_TYPES_BY_NAME } from "./testing/nodeTypes";

afterEach(cleanup);

const spec: PipelineSpec = {
  apiVersion: "aggregator/v1",
  id: "p",
  nodes: [
    { id: "orders", type: "source.file", ui: { position: { x: 0, y: 0 } } },
    { id: "paid", type: "transform.filter", inputs: ["orders"], ui: { position: { x: 260, y: 0 } } },
    { id: "load", type: "sink.file", inputs: ["paid"], ui: { position: { x: 520, y: 0 } } },
    { id: "odd", type: "custom.thing", ui: { position: { x: 0, y: 200 } } },
  ],
};

type Extra = Partial<Pick<BuilderCanvasProps, "readOnly" | "nodeStates" | "diffMarks" | "onDropType">> & {
  /** Keep drawing the first spec, as a canvas that has not caught up with the editor yet. */
  frozen?: boolean;
};

/** The canvas over a live builder state, so edits show as they would in the builder. */
function Harness({ initial, extra }: { initial: PipelineSpec; extra: Extra }) {
  const [state, dispatch] = useReducer(builderReducer, initial, initialBuilderState);
  const [selected, setSelected] = useState<string[]>([]);
  return (
    <>
      <output aria-label="spec">{JSON.stringify(state.present)}</output>
      <BuilderCanvas
        spec={extra.frozen ? initial : state.present}
        currentSpec={() => state.present}
        components={NODE_TYPES_BY_NAME}
        issues={{}}
        readOnly={extra.readOnly ?? false}
        selected={selected}
        onSelectionChange={setSelected}
        dispatch={dispatch}
        onDropType={extra.onDropType ?? vi.fn()}
        nodeStates={extra.nodeStates}
        diffMarks={extra.diffMarks}
      />
    </>
  );
}

function renderCanvas(extra: Extra = {}, initial: PipelineSpec = spec) {
  render(
    <ChakraProvider value={defaultSystem}>
      <div style={{ width: 1000, height: 800 }}>
        <Harness initial={initial} extra={extra} />
      </div>
    </ChakraProvider>,
  );
}

const current = (): PipelineSpec => JSON.parse(screen.getByLabelText("spec").textContent ?? "{}") as PipelineSpec;
const node = (id: string) => screen.getByLabelText(`Node ${id}`);

describe("BuilderCanvas", () => {
  it("draws handles by arity: no input on sources, no output on sinks", async () => {
    renderCanvas();
    await waitFor(() => expect(node("paid")).toBeTruthy());
    expect(screen.queryByLabelText("Inputs of orders")).toBeNull();
    expect(screen.getByLabelText("Output of orders")).toBeTruthy();
    expect(screen.getByLabelText("Inputs of load")).toBeTruthy();
    expect(screen.queryByLabelText("Output of load")).toBeNull();
    // A type the registry does not know keeps both, and says so.
    expect(within(node("odd")).getByText("unknown type")).toBeTruthy();
    expect(screen.getByLabelText("Inputs of odd")).toBeTruthy();
  });

  it("colours nodes by run state and by diff mark", async () => {
    renderCanvas({ nodeStates: { paid: "failed", orders: "success" }, diffMarks: { load: "added" } });
    await waitFor(() => expect(node("paid")).toBeTruthy());
    expect(within(node("paid")).getByText("failed")).toBeTruthy();
    expect(within(node("orders")).getByText("success")).toBeTruthy();
    expect(within(node("load")).getByText("added")).toBeTruthy();
    expect(within(node("odd")).queryByText(/failed|success|added/)).toBeNull();
  });

  it("adds a node type dropped from the palette where it was dropped", async () => {
    const onDropType = vi.fn();
    renderCanvas({ onDropType });
    await waitFor(() => expect(node("paid")).toBeTruthy());
    const pane = screen.getByLabelText("Pipeline canvas");
    const dataTransfer = { types: [NODE_TYPE_DRAG], getData: () => "transform.filter", dropEffect: "" };
    fireEvent.dragOver(pane, { dataTransfer });
    // happy-dom's drag events take no coordinates from their init: set them on the event.
    const dropAt = (clientX: number, clientY: number) => {
      const drop = createEvent.drop(pane, { dataTransfer });
      Object.defineProperties(drop, { clientX: { value: clientX }, clientY: { value: clientY } });
      fireEvent(pane, drop);
    };
    dropAt(300, 120);
    dropAt(400, 120);
    expect(onDropType).toHaveBeenCalledTimes(2);
    const calls = onDropType.mock.calls as [string, { x: number; y: number }][];
    const [type, first] = calls[0] ?? [];
    const second = calls[1]?.[1];
    expect(type).toBe("transform.filter");
    // The screen point becomes a point of the flow: further right on screen, further right there.
    expect(Number.isFinite(first?.x) && Number.isFinite(first?.y)).toBe(true);
    expect((second?.x ?? 0) - (first?.x ?? 0)).toBeGreaterThan(0);
    expect(second?.y).toBe(first?.y);
  });

  it("ignores drops in read-only mode", async () => {
    const onDropType = vi.fn();
    renderCanvas({ onDropType, readOnly: true });
    await waitFor(() => expect(node("paid")).toBeTruthy());
    const dataTransfer = { types: [NODE_TYPE_DRAG], getData: () => "transform.filter" };
    fireEvent.drop(screen.getByLabelText("Pipeline canvas"), { dataTransfer });
    expect(onDropType).not.toHaveBeenCalled();
  });

  it("connects two handles clicked in turn, and says why a connection is refused", async () => {
    renderCanvas();
    await waitFor(() => expect(node("paid")).toBeTruthy());
    const connect = (source: string, target: string) => {
      fireEvent.click(screen.getByLabelText(`Output of ${source}`));
      fireEvent.click(screen.getByLabelText(`Inputs of ${target}`));
    };
    connect("paid", "odd");
    await waitFor(() => expect(current().nodes[3]?.inputs).toEqual(["paid"]));
    expect(screen.queryByRole("alert")).toBeNull();

    connect("orders", "paid");
    expect((await screen.findByRole("alert")).textContent).toMatch(/orders is already connected to paid/);
    connect("odd", "paid");
    await waitFor(() => expect(screen.getByRole("alert").textContent).toMatch(/would make a cycle/));
    connect("orders", "load");
    await waitFor(() => expect(screen.getByRole("alert").textContent).toMatch(/load takes at most 1 input/));
    fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(current().nodes.map((found) => found.inputs)).toEqual([undefined, ["orders"], ["paid"], ["paid"]]);
  });

  it("checks a connection against the editor's spec, not against an older one still drawn", async () => {
    const unloaded = { ...spec, nodes: spec.nodes.map((found) => (found.id === "load" ? { ...found, inputs: [] } : found)) };
    renderCanvas({ frozen: true }, unloaded);
    await waitFor(() => expect(node("load")).toBeTruthy());
    fireEvent.click(screen.getByLabelText("Output of orders"));
    fireEvent.click(screen.getByLabelText("Inputs of load"));
    await waitFor(() => expect(current().nodes[2]?.inputs).toEqual(["orders"]));

    // The canvas still draws load without an input; the editor's spec has one, its maximum.
    fireEvent.click(screen.getByLabelText("Output of paid"));
    fireEvent.click(screen.getByLabelText("Inputs of load"));
    expect((await screen.findByRole("alert")).textContent).toMatch(/load takes at most 1 input/);
    expect(current().nodes[2]?.inputs).toEqual(["orders"]);
  });

  it("deletes the selected node and the inputs reading it with the Delete key", async () => {
    renderCanvas();
    await waitFor(() => expect(node("paid")).toBeTruthy());
    // Select like a click does: React Flow selects a node on click when it is not dragged.
    fireEvent.click(node("paid"));
    await waitFor(() => expect(node("paid").closest(".react-flow__node")?.className).toMatch(/selected/));
    fireEvent.keyDown(document.body, { key: "Delete", code: "Delete" });
    await waitFor(() => expect(screen.queryByLabelText("Node paid")).toBeNull());
    fireEvent.keyUp(document.body, { key: "Delete", code: "Delete" });
    expect(current().nodes.map((found) => [found.id, found.inputs])).toEqual([
      ["orders", undefined],
      ["load", []],
      ["odd", undefined],
    ]);
  });

  it("draws an edge into a handle that appeared when a node's type changed", async () => {
    const props = (drawn: PipelineSpec): BuilderCanvasProps => ({
      spec: drawn,
      currentSpec: () => drawn,
      components: NODE_TYPES_BY_NAME,
      issues: {},
      readOnly: false,
      selected: [],
      onSelectionChange: vi.fn(),
      dispatch: vi.fn(),
      onDropType: vi.fn(),
    });
    const before: PipelineSpec = {
      apiVersion: "aggregator/v1",
      id: "p",
      nodes: [
        { id: "a", type: "source.file", ui: { position: { x: 0, y: 0 } } },
        { id: "b", type: "source.file", ui: { position: { x: 300, y: 0 } } },
      ],
    };
    const after: PipelineSpec = { ...before, nodes: [before.nodes[0]!, { ...before.nodes[1]!, type: "transform.filter", inputs: ["a"] }] };
    const edge = () => document.querySelector('.react-flow__edge[data-id="a->b#0"] path');
    const view = (drawn: PipelineSpec) => (
      <ChakraProvider value={defaultSystem}>
        <div style={{ width: 1000, height: 800 }}>
          <BuilderCanvas {...props(drawn)} />
        </div>
      </ChakraProvider>
    );
    const { rerender } = render(view(before));
    await waitFor(() => expect(screen.getByLabelText("Output of b")).toBeTruthy());
    // b now takes an input (its size stays the same): the edge into it is drawn.
    rerender(view(after));
    await waitFor(() => expect(screen.getByLabelText("Inputs of b")).toBeTruthy());
    await waitFor(() => expect(edge()?.getAttribute("d")).toBeTruthy());
  });

  it("moves a dragged node on the canvas at once and into the spec when it is dropped", async () => {
    renderCanvas();
    await waitFor(() => expect(node("paid")).toBeTruthy());
    const dragged = node("paid").closest(".react-flow__node") as HTMLElement;
    const transform = () => dragged.style.transform;
    const before = transform();
    fireEvent.mouseDown(dragged, { view: window, button: 0, clientX: 300, clientY: 50 });
    for (const step of [1, 2, 3]) {
      fireEvent.mouseMove(window, { view: window, clientX: 300 + step * 40, clientY: 50 + step * 10 });
    }
    await waitFor(() => expect(transform()).not.toBe(before));
    // While the drag lasts the spec keeps the old place: nothing else re-renders per frame.
    expect(current().nodes[1]?.ui).toEqual({ position: { x: 260, y: 0 } });
    fireEvent.mouseUp(window, { view: window, clientX: 420, clientY: 80 });
    await waitFor(() => expect(current().nodes[1]?.ui?.position).not.toEqual({ x: 260, y: 0 }));
    const moved = current().nodes[1]?.ui?.position;
    expect(moved?.x).toBeGreaterThan(260);
    expect(moved?.y).toBeGreaterThan(0);
    expect(transform()).toBe(`translate(${moved?.x}px,${moved?.y}px)`);
  });
});
