import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { fakePanelApi, renderPanel } from "../testing/panelHarness";
import { issue } from "../testing/registryDump";

// The network is faked at `fetch`; the fields run on the real registry's schemas.
afterEach(cleanup);

function input(label: RegExp | string): HTMLInputElement {
  return screen.getByLabelText(label) as HTMLInputElement;
}

function button(name: string | RegExp): HTMLButtonElement {
  return screen.getByRole("button", { name }) as HTMLButtonElement;
}

function fieldOf(element: HTMLElement): HTMLElement {
  return element.closest('[data-scope="field"][data-part="root"]') as HTMLElement;
}

describe("lists of names", () => {
  it("adds with Enter (commas separate several), removes a tag, and removes the key when emptied", () => {
    fakePanelApi();
    const { latest } = renderPanel({ id: "load", type: "sink.sql", config: { conn_id: "dwh", table: "t" } });
    fireEvent.change(input(/^Keys/), { target: { value: "order_id, line" } });
    fireEvent.keyDown(input(/^Keys/), { key: "Enter" });
    expect(latest().config?.keys).toEqual(["order_id", "line"]);
    expect(input(/^Keys/).value).toBe("");
    const items = screen.getByRole("list", { name: "Items in Keys" });
    expect(within(items).getAllByRole("listitem").map((item) => item.textContent)).toEqual(["order_id", "line"]);

    fireEvent.click(button("Remove order_id"));
    expect(latest().config?.keys).toEqual(["line"]);
    fireEvent.click(button("Remove line"));
    expect("keys" in (latest().config ?? {})).toBe(false);
  });

  it("adds what was typed when the box is left", () => {
    fakePanelApi();
    const { latest } = renderPanel({ id: "g", type: "transform.aggregate", config: {} });
    fireEvent.change(input(/^Group By/), { target: { value: "region" } });
    fireEvent.blur(input(/^Group By/));
    expect(latest().config?.group_by).toEqual(["region"]);
  });

  it("takes only whole numbers in a list of integers", () => {
    fakePanelApi();
    const { latest, changes } = renderPanel({
      id: "api",
      type: "source.http",
      config: { conn_id: "api", retries: { max_attempts: 3 } },
    });
    const retryOn = input(/^Retry On/);
    fireEvent.change(retryOn, { target: { value: "429, x" } });
    expect(within(fieldOf(retryOn)).getByText('"x" is not a whole number.')).toBeTruthy();
    fireEvent.keyDown(retryOn, { key: "Enter" });
    expect(changes).toHaveLength(0);
    fireEvent.change(retryOn, { target: { value: "429, 503" } });
    fireEvent.click(within(fieldOf(retryOn)).getByRole("button", { name: "Add" }));
    expect(latest().config?.retries).toEqual({ max_attempts: 3, retry_on: [429, 503] });
  });
});

describe("maps", () => {
  it("adds, names, renames and removes entries in order", () => {
    fakePanelApi();
    const { latest } = renderPanel(
      { id: "cast", type: "transform.cast", config: { columns: { amount: "float64" } } },
      { upstreamColumns: ["amount", "ordered_at"] },
    );
    expect(input("Columns 1 name").value).toBe("amount");
    expect(input("Columns 1 name").getAttribute("list")).toBeTruthy();
    fireEvent.click(button("Add to Columns"));
    fireEvent.change(input("Columns 2 name"), { target: { value: "ordered_at" } });
    fireEvent.change(input("Columns 2 value"), { target: { value: "timestamp" } });
    expect(latest().config?.columns).toEqual({ amount: "float64", ordered_at: "timestamp" });
    const ids = [...fieldOf(input("Columns 1 name")).querySelectorAll("input")].map((box) => box.id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);

    fireEvent.change(input("Columns 1 name"), { target: { value: "total" } });
    expect(Object.keys(latest().config?.columns as object)).toEqual(["total", "ordered_at"]);
    fireEvent.click(button("Remove total"));
    expect(latest().config?.columns).toEqual({ ordered_at: "timestamp" });
  });

  it("keeps entries without a name or with a repeated name on screen, unapplied", () => {
    fakePanelApi();
    const { changes } = renderPanel({ id: "cast", type: "transform.cast", config: { columns: { amount: "float64" } } });
    fireEvent.click(button("Add to Columns"));
    expect(screen.getByText("Every entry needs a name.")).toBeTruthy();
    fireEvent.change(input("Columns 2 name"), { target: { value: "amount" } });
    expect(screen.getByText('"amount" is there twice.')).toBeTruthy();
    expect(input("Columns 2 name").value).toBe("amount");
    expect(changes).toHaveLength(0);
  });

  it("shows an entry's issue under it", () => {
    fakePanelApi();
    renderPanel(
      { id: "d", type: "transform.derive", config: { columns: { total: "a +", net: "a - b" } } },
      {
        issues: [
          issue(
            "nodes[1].config.columns.total",
            "expected a value, found the end of the expression (at character 4)\n  a +\n     ^",
          ),
        ],
      },
    );
    const row = screen.getByRole("group", { name: "Columns 1" });
    expect(within(row).getByText("total: expected a value, found the end of the expression")).toBeTruthy();
    expect(input("Columns 1 value").getAttribute("aria-invalid")).toBe("true");
    expect(input("Columns 2 value").getAttribute("aria-invalid")).toBeNull();
  });
});

describe("nested settings", () => {
  it("edits an object's fields in place and keeps its other keys", () => {
    fakePanelApi();
    const { latest } = renderPanel({
      id: "in",
      type: "source.file",
      config: { path: "in.csv", csv: { header: false } },
    });
    const csv = screen.getByRole("group", { name: /^Csv/ });
    fireEvent.change(within(csv).getByLabelText(/^Delimiter/), { target: { value: ";" } });
    expect(latest().config?.csv).toEqual({ header: false, delimiter: ";" });
  });

  it("sets up an optional object on demand and removes it again", () => {
    fakePanelApi();
    const { latest } = renderPanel({ id: "load", type: "sink.sql", config: { conn_id: "dwh", table: "t" } });
    expect(screen.queryByLabelText(/^Column/)).toBeNull();
    fireEvent.click(button("Set up Partition"));
    expect(latest().config?.partition).toEqual({});
    fireEvent.change(input(/^Column/), { target: { value: "day" } });
    expect(latest().config?.partition).toEqual({ column: "day" });
    fireEvent.click(button("Remove Partition"));
    expect("partition" in (latest().config ?? {})).toBe(false);
  });

  it("adds, fills, reorders and removes items of a list of objects", () => {
    fakePanelApi();
    const { latest } = renderPanel({ id: "s", type: "transform.sort", config: { by: [{ column: "day" }] } });
    fireEvent.click(button("Add to By"));
    const second = screen.getByRole("group", { name: "By 2" });
    fireEvent.change(within(second).getByLabelText(/^Column/), { target: { value: "amount" } });
    expect(latest().config?.by).toEqual([{ column: "day" }, { column: "amount" }]);

    fireEvent.click(within(screen.getByRole("group", { name: "By 2" })).getByRole("button", { name: "Move up" }));
    expect(latest().config?.by).toEqual([{ column: "amount" }, { column: "day" }]);
    fireEvent.click(within(screen.getByRole("group", { name: "By 1" })).getByRole("button", { name: "Remove" }));
    expect(latest().config?.by).toEqual([{ column: "day" }]);
  });

  it("shows the issues of a list of objects, of an item and of an item's field where they belong", () => {
    fakePanelApi();
    renderPanel(
      { id: "s", type: "transform.sort", config: { by: [{ column: "" }, "day"] } },
      {
        issues: [
          issue("nodes[0].config.by", "List should have at least 1 item"),
          issue("nodes[0].config.by[0].column", "String should have at least 1 character"),
          issue("nodes[0].config.by[1]", "Input should be a valid dictionary"),
        ],
      },
    );
    const by = screen.getByRole("group", { name: /^By \*?$/ });
    expect(within(by).getByText("List should have at least 1 item")).toBeTruthy();
    const first = screen.getByRole("group", { name: "By 1" });
    expect(within(fieldOf(within(first).getByLabelText(/^Column/))).getByText(/at least 1 character/)).toBeTruthy();
    const second = screen.getByRole("group", { name: "By 2" });
    expect(within(second).getByText("Input should be a valid dictionary")).toBeTruthy();
  });

  it("shows an issue of a nested field at that field", () => {
    fakePanelApi();
    renderPanel(
      { id: "in", type: "source.file", config: { path: "in.csv", csv: { delimiter: ",," } } },
      { issues: [issue("nodes[0].config.csv.delimiter", "String should have at most 1 character")] },
    );
    const delimiter = input(/^Delimiter/);
    expect(within(fieldOf(delimiter)).getByText("String should have at most 1 character")).toBeTruthy();
  });
});

describe("JSON fields", () => {
  it("applies JSON that parses and keeps what does not on screen with the parser's message", () => {
    fakePanelApi();
    const { latest, changes } = renderPanel({ id: "api", type: "source.http", config: { conn_id: "api" } });
    const params = input(/^Params/);
    fireEvent.change(params, { target: { value: '{"since": ' } });
    expect(params.value).toBe('{"since": ');
    expect(within(fieldOf(params)).getByText(/^Not valid JSON/)).toBeTruthy();
    expect(changes).toHaveLength(0);

    fireEvent.change(params, { target: { value: '{"since": "{{ ds }}", "limit": 100}' } });
    expect(latest().config?.params).toEqual({ since: "{{ ds }}", limit: 100 });
    fireEvent.change(params, { target: { value: "" } });
    expect("params" in (latest().config ?? {})).toBe(false);
  });

  it("shows a stored value as formatted JSON", () => {
    fakePanelApi();
    renderPanel({ id: "f", type: "transform.fill_nulls", config: { values: { amount: 0, note: "none" } } });
    expect(JSON.parse(input(/^Values/).value)).toEqual({ amount: 0, note: "none" });
  });
});
