import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { fakePanelApi, renderPanel } from "../testing/panelHarness";
import { issue } from "../testing/registryDump";

// The network is faked at `fetch`; GET /catalogue answers functions dumped from the real catalogue.
afterEach(cleanup);

const filter = { id: "big", type: "transform.filter", inputs: ["orders"], config: { where: "amount > > 3" } };
const whereError = "expected a value, found operator '>' (at character 10)\n  amount > > 3\n           ^";

function where(): HTMLInputElement {
  return screen.getByLabelText(/^Where/) as HTMLInputElement;
}

describe("expression fields", () => {
  it("edits the expression", () => {
    fakePanelApi();
    const { latest } = renderPanel(filter);
    fireEvent.change(where(), { target: { value: "amount > 3" } });
    expect(latest().config).toEqual({ where: "amount > 3" });
  });

  it("shows the issue under the field with the character it points at, and selects it on demand", () => {
    fakePanelApi();
    renderPanel(filter, { issues: [issue("nodes[1].config.where", whereError)] });
    expect(screen.getByText("expected a value, found operator '>'")).toBeTruthy();
    expect(screen.getByText(/amount > > 3\s+\^/)).toBeTruthy();
    expect(where().getAttribute("aria-invalid")).toBe("true");

    fireEvent.click(screen.getByRole("button", { name: "at character 10" }));
    expect(document.activeElement).toBe(where());
    expect([where().selectionStart, where().selectionEnd]).toEqual([9, 10]);
    expect(where().value.slice(9, 10)).toBe(">");
  });

  it("lists the expression functions on demand, searchable, and inserts one at the cursor", async () => {
    const { requests } = fakePanelApi();
    const { latest } = renderPanel({ ...filter, config: { where: "flag" } });
    expect(requests.some((url) => url.pathname.endsWith("/catalogue"))).toBe(false);

    fireEvent.click(screen.getByRole("button", { name: "Functions for Where" }));
    const list = await screen.findByRole("list", { name: "Functions" });
    expect(within(list).getByText("to_bool(value) -> bool")).toBeTruthy();
    expect(within(list).getByText("true/false from text or a number.")).toBeTruthy();
    expect(within(list).getByText("to_bool(flag_text)")).toBeTruthy();

    fireEvent.change(screen.getByLabelText("Find a function"), { target: { value: "floating" } });
    await waitFor(() => expect(within(list).queryByText("to_bool(value) -> bool")).toBeNull());
    expect(within(list).getByText("to_float(value) -> float")).toBeTruthy();

    where().setSelectionRange(0, 0);
    fireEvent.click(within(list).getByRole("button", { name: "Insert to_float" }));
    expect(latest().config?.where).toBe("to_float(flag");
    expect(requests.filter((url) => url.pathname.endsWith("/catalogue"))).toHaveLength(1);
  });

  it("offers no insertion when read-only", async () => {
    fakePanelApi();
    renderPanel(filter, { readOnly: true });
    expect(where().disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Functions for Where" }));
    const list = await screen.findByRole("list", { name: "Functions" });
    expect(within(list).queryByRole("button", { name: /Insert/ })).toBeNull();
  });

  it("gives each derived column its own function help", () => {
    fakePanelApi();
    renderPanel({ id: "d", type: "transform.derive", config: { columns: { total: "a + b" } } });
    expect(screen.getByRole("button", { name: "Functions for Columns total" })).toBeTruthy();
  });
});
