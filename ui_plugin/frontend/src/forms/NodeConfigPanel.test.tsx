import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import type { NodeSpec } from "../spec/types";
import { fakePanelApi, renderPanel } from "./testing/panelHarness";
import { componentNamed, issue } from "./testing/registryDump";

// The network is faked at `fetch` (connections, catalogue); everything above it runs as in Airflow.
afterEach(cleanup);

const sink: NodeSpec = {
  id: "load",
  type: "sink.sql",
  inputs: ["orders"],
  config: { conn_id: "dwh_pg", table: "analytics.orders", mode: "merge", keys: ["order_id"] },
};

function input(label: RegExp | string): HTMLInputElement {
  return screen.getByLabelText(label) as HTMLInputElement;
}

/** The field (label, editor, help, issues) around an input. */
function fieldOf(element: HTMLElement): HTMLElement {
  return element.closest('[data-scope="field"][data-part="root"]') as HTMLElement;
}

describe("NodeConfigPanel header", () => {
  it("shows the node type and edits the id, name and description", () => {
    fakePanelApi();
    const { latest } = renderPanel(sink);
    expect(screen.getByRole("heading", { name: "SQL table" })).toBeTruthy();
    expect(screen.getByText("sink.sql")).toBeTruthy();

    fireEvent.change(input(/^Id/), { target: { value: "load_dwh" } });
    expect(latest().id).toBe("load_dwh");
    fireEvent.change(input("Name"), { target: { value: "Load the warehouse" } });
    fireEvent.change(input("Description"), { target: { value: "Merges on order_id." } });
    expect(latest()).toMatchObject({ id: "load_dwh", name: "Load the warehouse", description: "Merges on order_id." });

    fireEvent.change(input("Name"), { target: { value: "" } });
    expect("name" in latest()).toBe(false);
  });

  it("keeps an invalid id on screen with its error and does not apply it", () => {
    fakePanelApi();
    const { changes } = renderPanel(sink);
    fireEvent.change(input(/^Id/), { target: { value: "load dwh" } });
    expect(input(/^Id/).value).toBe("load dwh");
    expect(screen.getByText(/Use letters, digits, _ and -/)).toBeTruthy();
    expect(changes).toHaveLength(0);

    fireEvent.change(input(/^Id/), { target: { value: "" } });
    expect(screen.getByText("A node needs an id.")).toBeTruthy();
    expect(changes).toHaveLength(0);
  });
});

describe("NodeConfigPanel form", () => {
  it("renders a field per config key, marks required ones and shows defaults as placeholders", () => {
    fakePanelApi();
    renderPanel(sink);
    const table = input(/^Table/);
    expect(table.value).toBe("analytics.orders");
    expect(table.required).toBe(true);
    expect(input(/^Schema/).required).toBe(false);
    expect(input(/^Batch Rows/).placeholder).toBe("65536");
    expect(screen.getByText("Rows per bulk-write batch.")).toBeTruthy();
  });

  it("keeps keys the form does not know, at the node and in its config", () => {
    fakePanelApi();
    const node: NodeSpec = {
      ...sink,
      ui: { position: { x: 10, y: 20 } },
      x_owner_note: "kept",
      config: { ...sink.config, legacy_option: { depth: 2 } },
    };
    const { latest } = renderPanel(node);
    fireEvent.change(input(/^Table/), { target: { value: "analytics.orders_v2" } });
    expect(latest()).toEqual({
      ...node,
      config: { ...node.config, table: "analytics.orders_v2" },
    });
    // The original node object is not changed.
    expect(node.config?.table).toBe("analytics.orders");

    // Undeclared config keys are shown, as JSON, and can be edited.
    const other = input(/^Other settings/);
    expect(JSON.parse(other.value)).toEqual({ legacy_option: { depth: 2 } });
    fireEvent.change(other, { target: { value: "{}" } });
    expect(latest().config).toEqual({ ...sink.config, table: "analytics.orders_v2" });
  });

  it("shows each issue at its field, and issues without a field at the top", () => {
    fakePanelApi();
    renderPanel(sink, {
      issues: [
        issue("nodes[2].config.table", "String should have at least 1 character"),
        issue("nodes[2].config.keys[0]", "Input should be a valid string"),
        issue("nodes[2].config.legacy", "Extra inputs are not permitted"),
        issue("nodes[2].inputs", "node 'load' reads 'nowhere', which is not a node"),
        issue("nodes[2].id", "node id 'load' is used twice"),
      ],
    });
    expect(within(fieldOf(input(/^Table/))).getByText("String should have at least 1 character")).toBeTruthy();
    expect(input(/^Table/).getAttribute("aria-invalid")).toBe("true");
    // Assistive technology reads the issue with the field.
    const described = (input(/^Table/).getAttribute("aria-describedby") ?? "").split(" ");
    const texts = described.map((id) => document.getElementById(id)?.textContent ?? "");
    expect(texts.some((text) => text.includes("String should have at least 1 character"))).toBe(true);
    expect(within(fieldOf(input(/^Keys/))).getByText("item 1: Input should be a valid string")).toBeTruthy();
    expect(screen.getByText("legacy: Extra inputs are not permitted")).toBeTruthy();
    expect(screen.getByText("inputs: node 'load' reads 'nowhere', which is not a node")).toBeTruthy();
    expect(screen.getByText("node id 'load' is used twice")).toBeTruthy();
    expect(input(/^Schema/).getAttribute("aria-invalid")).toBeNull();
  });

  it("offers the upstream columns in fields that name columns", () => {
    fakePanelApi();
    const { container } = renderPanel(sink, { upstreamColumns: ["order_id", "amount"] });
    const listId = input(/^Keys/).getAttribute("list");
    expect(listId).toBeTruthy();
    const options = [...(container.querySelector(`datalist[id="${listId}"]`)?.querySelectorAll("option") ?? [])];
    expect(options.map((option) => option.value)).toEqual(["order_id", "amount"]);
    // A field that does not name a column gets no suggestions.
    expect(input(/^Table/).getAttribute("list")).toBeNull();
  });

  it("says where the suggested columns come from, and says nothing without columns", () => {
    fakePanelApi();
    const source = "Columns of orders, from the last preview.";
    renderPanel(sink, { upstreamColumns: ["order_id"], columnsSource: source });
    expect(screen.getByRole("note", { name: "Column suggestions" }).textContent).toContain(source);
    cleanup();
    renderPanel(sink, { upstreamColumns: [], columnsSource: source });
    expect(screen.queryByRole("note", { name: "Column suggestions" })).toBeNull();
  });

  it("suggests columns where the schema marks a field, whatever its name", () => {
    fakePanelApi();
    renderPanel(
      { id: "orders", type: "source.file", config: { path: "orders.csv", column_types: { id: "int64" } } },
      { upstreamColumns: ["id", "day"] },
    );
    // Column types' keys are marked as columns; its name alone would not say so.
    expect(input("Column Types 1 name").getAttribute("list")).toBeTruthy();
    expect(input(/^Path/).getAttribute("list")).toBeNull();
  });

  it("knows the column fields of a node type without markers by their names", () => {
    fakePanelApi();
    const column = { type: "string", title: "Column" };
    const label = { type: "string", title: "Label" };
    const custom = (properties: Record<string, unknown>) => ({
      ...componentNamed("transform.filter"),
      name: "transform.uppercase",
      config_schema: { type: "object", properties },
    });
    const node: NodeSpec = { id: "upper", type: "transform.uppercase", inputs: ["orders"], config: {} };
    renderPanel(node, { upstreamColumns: ["name"], component: custom({ column, label }) });
    expect(input(/^Column/).getAttribute("list")).toBeTruthy();
    expect(input(/^Label/).getAttribute("list")).toBeNull();
    cleanup();

    // Once a node type marks one field, the others count by their marker only.
    const marked = { ...column, "x-aggregator-column": "value" };
    const keys = { type: "string", title: "Keys" };
    renderPanel(node, { upstreamColumns: ["name"], component: custom({ column: marked, keys }) });
    expect(input(/^Column/).getAttribute("list")).toBeTruthy();
    expect(input(/^Keys/).getAttribute("list")).toBeNull();
  });

  it("disables everything when read-only", () => {
    fakePanelApi();
    const { container } = renderPanel(
      { ...sink, config: { ...sink.config, partition: { column: "day" } } },
      { readOnly: true },
    );
    const controls = [...container.querySelectorAll("input, textarea, select")] as HTMLInputElement[];
    expect(controls.length).toBeGreaterThan(8);
    for (const control of controls) {
      expect(control.disabled, control.outerHTML.slice(0, 80)).toBe(true);
    }
    expect((screen.getByRole("button", { name: "Test connection" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByRole("button", { name: /Remove|Add|Set up/ })).toBeNull();
  });
});
