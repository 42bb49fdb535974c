import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { fakePanelApi, renderPanel } from "../testing/panelHarness";

// The network is faked at `fetch`; the fields run on the real registry's schemas.
afterEach(cleanup);

function input(label: RegExp): HTMLInputElement {
  return screen.getByLabelText(label) as HTMLInputElement;
}

function fieldOf(element: HTMLElement): HTMLElement {
  return element.closest('[data-scope="field"][data-part="root"]') as HTMLElement;
}

const sink = { id: "load", type: "sink.sql", config: { conn_id: "dwh_pg", table: "t" } };

describe("text fields", () => {
  it("sets the value and removes the key when emptied", () => {
    fakePanelApi();
    const { latest } = renderPanel(sink);
    fireEvent.change(input(/^Schema/), { target: { value: "analytics" } });
    expect(latest().config).toEqual({ conn_id: "dwh_pg", table: "t", schema: "analytics" });
    fireEvent.change(input(/^Schema/), { target: { value: "" } });
    expect(latest().config).toEqual({ conn_id: "dwh_pg", table: "t" });
  });

  it("writes SQL over several lines", () => {
    fakePanelApi();
    const { latest } = renderPanel({ id: "q", type: "sql.query", config: { conn_id: "dwh_pg" } });
    const sql = input(/^Sql/);
    expect(sql.tagName).toBe("TEXTAREA");
    fireEvent.change(sql, { target: { value: "SELECT 1\nFROM t" } });
    expect(latest().config?.sql).toBe("SELECT 1\nFROM t");
  });
});

describe("number fields", () => {
  it("sets numbers, keeps what does not parse on screen with an error, and checks bounds", () => {
    fakePanelApi();
    const { latest, changes } = renderPanel(sink);
    const rows = input(/^Batch Rows/);
    fireEvent.change(rows, { target: { value: "5000" } });
    expect(latest().config?.batch_rows).toBe(5000);

    fireEvent.change(rows, { target: { value: "5000x" } });
    expect(rows.value).toBe("5000x");
    expect(within(fieldOf(rows)).getByText("Enter a number.")).toBeTruthy();
    fireEvent.change(rows, { target: { value: "1.5" } });
    expect(within(fieldOf(rows)).getByText("Enter a whole number.")).toBeTruthy();
    fireEvent.change(rows, { target: { value: "0" } });
    expect(within(fieldOf(rows)).getByText("Must be at least 1.")).toBeTruthy();
    expect(changes).toHaveLength(1);

    fireEvent.change(rows, { target: { value: "" } });
    expect("batch_rows" in (latest().config ?? {})).toBe(false);
    expect(screen.queryByText("Must be at least 1.")).toBeNull();
  });

  it("keeps a decimal point while it is typed", () => {
    fakePanelApi();
    const { latest } = renderPanel({ id: "api", type: "source.http", config: { conn_id: "api" } });
    const timeout = input(/^Timeout Seconds/);
    fireEvent.change(timeout, { target: { value: "2." } });
    expect(timeout.value).toBe("2.");
    fireEvent.change(timeout, { target: { value: "2.5" } });
    expect(latest().config?.timeout_seconds).toBe(2.5);
    expect(timeout.value).toBe("2.5");
  });
});

describe("enum fields", () => {
  it("chooses a value, and the default choice removes the key", () => {
    fakePanelApi();
    const { latest } = renderPanel(sink);
    const mode = input(/^Mode/) as unknown as HTMLSelectElement;
    expect([...mode.options].map((option) => option.text)).toEqual([
      "Default (append)",
      "append",
      "replace",
      "merge",
      "delete_insert",
    ]);
    fireEvent.change(mode, { target: { value: "2" } });
    expect(latest().config?.mode).toBe("merge");
    fireEvent.change(mode, { target: { value: "" } });
    expect("mode" in (latest().config ?? {})).toBe(false);
  });

  it("offers None for an optional choice without a default", () => {
    fakePanelApi();
    renderPanel({ id: "out", type: "sink.file", config: { path: "out.csv" } });
    const format = input(/^Format/) as unknown as HTMLSelectElement;
    expect(format.options[0]?.text).toBe("None");
  });
});

describe("boolean fields", () => {
  it("shows the default until set, then the value", async () => {
    fakePanelApi();
    const { latest, changes } = renderPanel({ id: "all", type: "transform.union", config: {} });
    const distinct = screen.getByRole("checkbox", { name: "Distinct" }) as HTMLInputElement;
    expect(distinct.checked).toBe(false);
    expect(within(fieldOf(distinct)).getByText("Default: off")).toBeTruthy();
    // The switch reports a click on its next tick.
    fireEvent.click(distinct);
    await waitFor(() => expect(changes).toHaveLength(1));
    expect(latest().config).toEqual({ distinct: true });
    expect(distinct.checked).toBe(true);
    expect(within(fieldOf(distinct)).queryByText("Default: off")).toBeNull();
  });
});
