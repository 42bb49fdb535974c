import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { fakePanelApi, renderPanel } from "../testing/panelHarness";

// The network is faked at `fetch`: GET /connections and POST /connections/{id}/test answer as the
// API does (the real routes are tested in tests/integration/api).
afterEach(cleanup);

const sink = { id: "load", type: "sink.sql", config: { conn_id: "dwh_pg", table: "t" } };

function connectionInput(): HTMLInputElement {
  return screen.getByLabelText(/^Conn Id/) as HTMLInputElement;
}

function testButton(): HTMLButtonElement {
  return screen.getByRole("button", { name: /Test connection|Testing/ }) as HTMLButtonElement;
}

describe("connection fields", () => {
  it("offers the connections the node type can use, with type and host", async () => {
    const { requests } = fakePanelApi();
    const { container, latest } = renderPanel(sink);
    expect(await screen.findByText("postgres · dwh.internal", { selector: "p" })).toBeTruthy();

    const listed = requests.filter((url) => url.pathname === "/aggregator/api/connections");
    expect(listed).toHaveLength(1);
    expect(listed[0]?.searchParams.get("node_type")).toBe("sink.sql");
    const listId = connectionInput().getAttribute("list");
    const options = [...(container.querySelector(`datalist[id="${listId}"]`)?.querySelectorAll("option") ?? [])];
    expect(options.map((option) => [option.value, option.textContent])).toEqual([
      ["shop_pg", "postgres · db.shop.internal"],
      ["dwh_pg", "postgres · dwh.internal"],
    ]);

    fireEvent.change(connectionInput(), { target: { value: "shop_pg" } });
    expect(latest().config?.conn_id).toBe("shop_pg");
    expect(screen.getByText("postgres · db.shop.internal", { selector: "p" })).toBeTruthy();

    // An id that is not listed (a secrets backend's) can still be typed.
    fireEvent.change(connectionInput(), { target: { value: "vault_dwh" } });
    expect(latest().config?.conn_id).toBe("vault_dwh");
    const types = "aggregator_mysql, mysql, postgres, sqlite";
    const note = `Not among the 2 listed connection(s) of type ${types}; it may come from a secrets backend.`;
    expect(screen.getByText(note)).toBeTruthy();
  });

  it("tests the connection and shows what Airflow said", async () => {
    const worked = { status: true, message: "Connection successfully tested" };
    const { requests, inits } = fakePanelApi((url) =>
      url.pathname.endsWith("/test") ? { status: 200, body: worked } : undefined,
    );
    renderPanel(sink);
    fireEvent.click(testButton());
    const result = await screen.findByRole("status");
    expect(within(result).getByText("dwh_pg works")).toBeTruthy();
    expect(within(result).getByText("Connection successfully tested")).toBeTruthy();
    const index = requests.findIndex((url) => url.pathname.endsWith("/test"));
    expect(requests[index]?.pathname).toBe("/aggregator/api/connections/dwh_pg/test");
    expect(inits[index]?.method).toBe("POST");
  });

  it("shows a failed test with the hook's message", async () => {
    const failed = { status: false, message: "password authentication failed" };
    fakePanelApi((url) => (url.pathname.endsWith("/test") ? { status: 200, body: failed } : undefined));
    renderPanel(sink);
    fireEvent.click(testButton());
    const result = await screen.findByRole("alert");
    expect(within(result).getByText("dwh_pg failed")).toBeTruthy();
    expect(within(result).getByText("password authentication failed")).toBeTruthy();
  });

  it("explains that testing is turned off when Airflow disables it", async () => {
    const message =
      "testing connections is disabled by Airflow's [core] test_connection setting; " +
      "an Airflow admin can set it to Enabled";
    fakePanelApi((url) =>
      url.pathname.endsWith("/test")
        ? { status: 403, body: { detail: { error: "test_connection_disabled", message, field: null } } }
        : undefined,
    );
    renderPanel(sink);
    fireEvent.click(testButton());
    const result = await screen.findByRole("alert");
    expect(within(result).getByText("Testing connections is turned off")).toBeTruthy();
    expect(within(result).getByText(message)).toBeTruthy();
  });

  it("shows the test running and forgets the result when the id changes", async () => {
    let answer: "pending" | { status: number; body: unknown } = "pending";
    fakePanelApi((url) => (url.pathname.endsWith("/test") ? answer : undefined));
    renderPanel(sink);
    fireEvent.click(testButton());
    await waitFor(() => expect(testButton().disabled).toBe(true));
    expect(testButton().textContent).toContain("Testing");
    cleanup();

    const missing = { error: "not_found", message: "connection 'dwh_pg' does not exist", field: "conn_id" };
    answer = { status: 404, body: { detail: missing } };
    renderPanel(sink);
    fireEvent.click(testButton());
    expect(await screen.findByText("connection 'dwh_pg' does not exist")).toBeTruthy();
    fireEvent.change(connectionInput(), { target: { value: "shop_pg" } });
    await waitFor(() => expect(screen.queryByText("connection 'dwh_pg' does not exist")).toBeNull());
  });

  it("says when connections cannot be listed, and lists them on retry", async () => {
    let failing = true;
    const denied = {
      error: "permission_denied",
      message: "This needs the permission can_read on Aggregator Pipelines.",
    };
    fakePanelApi((url) =>
      failing && url.pathname.endsWith("/connections") ? { status: 403, body: { detail: denied } } : undefined,
    );
    renderPanel(sink);
    expect(await screen.findByText(/Could not list connections: This needs the permission/)).toBeTruthy();
    failing = false;
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByText("postgres · dwh.internal", { selector: "p" })).toBeTruthy();
  });

  it("cannot test without an id", async () => {
    fakePanelApi();
    renderPanel({ ...sink, config: { table: "t" } });
    await screen.findByText(/2 connection\(s\)/);
    expect(testButton().disabled).toBe(true);
  });
});
