import "../testing/reactFlowSetup";

import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";

import { App } from "../App";
import { apiUrl } from "../api/client";
import { forgetEarlyRequests, sendEarly } from "../api/earlyRequests";
import { forgetPermissions } from "../permissions/usePermissions";
import { pipelineDetail } from "../pipeline/testing/fakeRoutes";
import type { PipelineSpec } from "../spec/types";
import { location, renderPage } from "../testing/renderPage";
import { type BuilderApi, EDITOR, fakeBuilderApi, VIEWER } from "./testing/builderApi";

// fetch is faked at the network boundary (src/testing/fakeApi.ts); the real API answers these
// routes in the Python integration tests.

afterEach(() => {
  cleanup();
  forgetPermissions();
  forgetEarlyRequests();
  window.localStorage.clear();
});

const spec: PipelineSpec = {
  apiVersion: "aggregator/v1",
  id: "orders_daily",
  name: "Daily orders",
  nodes: [
    { id: "orders", type: "source.file", config: { path: "orders.csv" }, ui: { position: { x: 0, y: 0 } } },
    {
      id: "paid",
      type: "transform.filter",
      inputs: ["orders"],
      config: { where: "paid" },
      ui: { position: { x: 260, y: 0 } },
    },
    {
      id: "load",
      type: "sink.file",
      inputs: ["paid"],
      config: { path: "out.parquet" },
      ui: { position: { x: 520, y: 0 } },
    },
  ],
};

function openBuilder(at: string, api: BuilderApi = {}) {
  const requests = fakeBuilderApi({ pipelines: [pipelineDetail(spec)], ...api });
  renderPage(
    <Routes>
      <Route path="plugin/pipelines/*" element={<App />} />
    </Routes>,
    at,
  );
  return requests;
}

const has = (body: unknown, key: string) => typeof body === "object" && body !== null && key in body;
const node = (id: string) => screen.queryByLabelText(`Node ${id}`);
const press = (key: string, modifiers: KeyboardEventInit = {}) =>
  act(() => {
    window.dispatchEvent(new KeyboardEvent("keydown", { key, ctrlKey: true, bubbles: true, ...modifiers }));
  });

describe("BuilderPage", () => {
  it("opens drawn, with nothing to wait for, when the page's early requests have been answered", async () => {
    const requests = fakeBuilderApi({ pipelines: [pipelineDetail(spec)] });
    for (const path of ["me", "components", "pipelines/orders_daily"]) {
      sendEarly(apiUrl(path));
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    renderPage(
      <Routes>
        <Route path="plugin/pipelines/*" element={<App />} />
      </Routes>,
      "/plugin/pipelines/orders_daily",
    );
    // No await: the first render shows the pipeline, not that it is loading.
    expect(screen.queryByLabelText("Loading the pipeline")).toBeNull();
    expect(screen.getByRole("heading", { name: "Daily orders" })).toBeTruthy();
    expect(node("orders") && node("paid") && node("load")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Publish" })).toBeTruthy();
    // Nothing was asked twice.
    const gets = requests.filter((request) => request.method === "GET").map((request) => request.path);
    expect(gets.sort()).toEqual(["components", "me", "pipelines/orders_daily"]);
  });

  it("opens a pipeline: its name, its nodes on the canvas and the palette", async () => {
    const requests = openBuilder("/plugin/pipelines/orders_daily");
    expect(await screen.findByRole("heading", { name: "Daily orders" })).toBeTruthy();
    await waitFor(() => expect(node("paid")).toBeTruthy());
    expect(node("orders")).toBeTruthy();
    expect(node("load")).toBeTruthy();
    expect(screen.getByLabelText("Search node types")).toBeTruthy();
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual(
      expect.arrayContaining(["GET components", "GET pipelines/orders_daily", "GET me"]),
    );
    const checksOfSpec = () => requests.filter((request) => request.path === "validate" && has(request.body, "spec"));
    await waitFor(() => expect(checksOfSpec()).toHaveLength(1));
    expect(checksOfSpec()[0]?.body).toEqual({ spec });
  });

  it("shows on each node how many problems validation found for it", async () => {
    openBuilder("/plugin/pipelines/orders_daily", {
      issues: [
        { path: "nodes[1].config.where", message: "unknown column 'paid'", line: null, column: null },
        { path: "nodes[1].inputs", message: "bad input", line: null, column: null },
        { path: "nodes[2].config.path", message: "no folder", line: null, column: null },
        { path: "schedule", message: "not a cron", line: null, column: null },
      ],
    });
    expect(await screen.findByLabelText("2 problems")).toBeTruthy();
    expect(within(node("paid") as HTMLElement).getByLabelText("2 problems")).toBeTruthy();
    expect(within(node("load") as HTMLElement).getByLabelText("1 problem")).toBeTruthy();
    expect(within(node("orders") as HTMLElement).queryByLabelText(/problem/)).toBeNull();
    expect(screen.getByText("4 problems")).toBeTruthy();
    // With no node selected, the pipeline's own problems are listed.
    expect(within(screen.getByLabelText("Problems of the pipeline")).getByText(/not a cron/)).toBeTruthy();
  });

  it("adds a clicked node type with its example config, then undoes and redoes it", async () => {
    const requests = openBuilder("/plugin/pipelines/orders_daily");
    await waitFor(() => expect(node("paid")).toBeTruthy());
    expect(screen.queryByRole("status", { name: "Unsaved changes" })).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Add File (source.file)" }));
    await waitFor(() => expect(node("file_1")).toBeTruthy());
    expect(screen.getByRole("status", { name: "Unsaved changes" })).toBeTruthy();
    // The new node is checked with the rest, with its type's example and right of the others.
    const added = { id: "file_1", type: "source.file", config: { path: "orders.csv" }, ui: { position: { x: 780, y: 0 } } };
    const expected = JSON.stringify({ spec: { ...spec, nodes: [...spec.nodes, added] } });
    await waitFor(() => expect(requests.some((request) => JSON.stringify(request.body) === expected)).toBe(true));

    // In a text field the keys keep their meaning there.
    fireEvent.keyDown(screen.getByLabelText("Search node types"), { key: "z", ctrlKey: true });
    expect(node("file_1")).toBeTruthy();

    press("z");
    await waitFor(() => expect(node("file_1")).toBeNull());
    expect(screen.queryByRole("status", { name: "Unsaved changes" })).toBeNull();
    press("z", { shiftKey: true });
    await waitFor(() => expect(node("file_1")).toBeTruthy());

    fireEvent.click(screen.getByRole("button", { name: "Undo" }));
    await waitFor(() => expect(node("file_1")).toBeNull());
    fireEvent.click(screen.getByRole("button", { name: "Redo" }));
    await waitFor(() => expect(node("file_1")).toBeTruthy());
  });

  it("folds the palette and the settings panel away, and the browser remembers it", async () => {
    openBuilder("/plugin/pipelines/orders_daily");
    await waitFor(() => expect(node("paid")).toBeTruthy());
    fireEvent.click(screen.getByRole("button", { name: "Hide node types" }));
    fireEvent.click(screen.getByRole("button", { name: "Hide node settings" }));
    expect(screen.queryByLabelText("Search node types")).toBeNull();
    expect(screen.queryByRole("complementary", { name: "Node settings" })).toBeNull();

    cleanup();
    openBuilder("/plugin/pipelines/orders_daily");
    await waitFor(() => expect(node("paid")).toBeTruthy());
    expect(screen.queryByLabelText("Search node types")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Show node settings" }));
    expect(screen.getByRole("complementary", { name: "Node settings" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Show node types" }));
    expect(screen.getByLabelText("Search node types")).toBeTruthy();
  });

  it("shows the selected node's settings beside the canvas, and edits there are undoable", async () => {
    openBuilder("/plugin/pipelines/orders_daily");
    await waitFor(() => expect(node("paid")).toBeTruthy());
    expect(screen.getByText("Select a node to see its settings.")).toBeTruthy();

    fireEvent.click(node("paid") as HTMLElement);
    const form = await screen.findByRole("form", { name: "Settings of paid" });
    fireEvent.change(within(form).getByLabelText(/^Name/), { target: { value: "Paid orders" } });
    await waitFor(() => expect(within(node("paid") as HTMLElement).getByText("Paid orders")).toBeTruthy());
    expect(screen.getByRole("status", { name: "Unsaved changes" })).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Undo" }));
    await waitFor(() => expect(within(node("paid") as HTMLElement).queryByText("Paid orders")).toBeNull());
  });

  it("renames a node and its readers' inputs, but never to another node's id", async () => {
    const requests = openBuilder("/plugin/pipelines/orders_daily");
    await waitFor(() => expect(node("paid")).toBeTruthy());
    fireEvent.click(node("paid") as HTMLElement);
    const form = await screen.findByRole("form", { name: "Settings of paid" });

    fireEvent.change(within(form).getByLabelText(/^Id/), { target: { value: "orders" } });
    expect((await screen.findByRole("alert")).textContent).toMatch(/Another node is already called orders/);
    expect(node("paid")).toBeTruthy();

    fireEvent.change(within(form).getByLabelText(/^Id/), { target: { value: "paid_orders" } });
    await waitFor(() => expect(node("paid_orders")).toBeTruthy());
    expect(screen.queryByRole("alert")).toBeNull();
    expect(node("paid")).toBeNull();
    await waitFor(() => {
      const last = requests.filter((request) => request.path === "validate" && has(request.body, "spec")).at(-1);
      const nodes = (last?.body as { spec: PipelineSpec }).spec.nodes;
      expect(nodes.map((found) => [found.id, found.inputs])).toEqual([
        ["orders", undefined],
        ["paid_orders", ["orders"]],
        ["load", ["paid_orders"]],
      ]);
    });
  });

  it("copies the selected node and pastes it under a new id", async () => {
    openBuilder("/plugin/pipelines/orders_daily");
    await waitFor(() => expect(node("paid")).toBeTruthy());
    fireEvent.click(screen.getByRole("button", { name: "Add Filter (transform.filter)" }));
    await waitFor(() => expect(node("filter_1")).toBeTruthy());

    press("c");
    press("v");
    await waitFor(() => expect(node("filter_2")).toBeTruthy());
    press("v");
    await waitFor(() => expect(node("filter_3")).toBeTruthy());
    press("z");
    await waitFor(() => expect(node("filter_3")).toBeNull());
    expect(node("filter_2")).toBeTruthy();
  });

  it("is read only for a user who may not edit: no palette, no edit buttons, no save", async () => {
    openBuilder("/plugin/pipelines/orders_daily", { permissions: VIEWER });
    await waitFor(() => expect(node("paid")).toBeTruthy());
    expect(screen.getByText("Read only")).toBeTruthy();
    expect(screen.queryByLabelText("Search node types")).toBeNull();
    expect(screen.queryByRole("button", { name: "Undo" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Auto layout" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Save" })).toBeNull();
    expect(screen.getByLabelText("Inputs of paid").className).not.toMatch(/\bconnectable\b/);
    // Shortcuts change nothing either.
    press("v");
    press("z");
    expect(screen.queryByRole("status", { name: "Unsaved changes" })).toBeNull();
  });

  it("offers Save as template only to users who may create templates", async () => {
    openBuilder("/plugin/pipelines/orders_daily", {
      permissions: [...EDITOR, { action: "can_create", resource: "Aggregator Templates" }],
    });
    fireEvent.click(await screen.findByRole("button", { name: "Save as template" }));
    expect(await screen.findByRole("dialog")).toBeTruthy();
  });

  it("has no Save as template without can_create on Aggregator Templates", async () => {
    openBuilder("/plugin/pipelines/orders_daily", { permissions: EDITOR });
    await waitFor(() => expect(node("paid")).toBeTruthy());
    expect(screen.queryByRole("button", { name: "Save as template" })).toBeNull();
  });

  it("hides code-bearing node types from users without can_edit on Aggregator Code", async () => {
    openBuilder("/plugin/pipelines/orders_daily", {
      permissions: EDITOR.filter((permission) => permission.resource !== "Aggregator Code"),
    });
    await screen.findByLabelText("Search node types");
    expect(screen.getByRole("button", { name: "Add Filter (transform.filter)" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Add SQL query (sql.query)" })).toBeNull();
  });

  it("says why a pipeline cannot be opened", async () => {
    openBuilder("/plugin/pipelines/nope");
    expect(await screen.findByText("Could not load the pipeline")).toBeTruthy();
    expect(screen.getByText("No pipelines/nope here.")).toBeTruthy();
  });

  it("starts a new pipeline empty, and opens it by its id once created", async () => {
    const requests = openBuilder("/plugin/pipelines/new");
    const id = await screen.findByLabelText("Pipeline id");
    fireEvent.change(id, { target: { value: "fresh_one" } });
    fireEvent.click(screen.getByRole("button", { name: "Add File (source.file)" }));
    await waitFor(() => expect(node("file_1")).toBeTruthy());

    fireEvent.click(screen.getByRole("button", { name: "Create" }));
    const dialog = await screen.findByRole("dialog", { name: "Create fresh_one" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));

    await waitFor(() => expect(location.current).toBe("/plugin/pipelines/fresh_one"));
    const created = requests.find((request) => request.method === "POST" && request.path === "pipelines");
    expect(created?.body).toMatchObject({
      spec: { apiVersion: "aggregator/v1", id: "fresh_one", nodes: [{ id: "file_1", type: "source.file", config: { path: "orders.csv" } }] },
    });
    expect(await screen.findByRole("heading", { name: "fresh_one" })).toBeTruthy();
    await waitFor(() => expect(node("file_1")).toBeTruthy());
    expect(screen.queryByRole("status", { name: "Unsaved changes" })).toBeNull();
  });

  it("says the draft is shown when opened on an older version", async () => {
    openBuilder("/plugin/pipelines/orders_daily?version=2", { pipelines: [pipelineDetail(spec, { latest_version: 4 })] });
    const notice = await screen.findByLabelText("Version shown");
    expect(notice.textContent).toMatch(/version 2\. The builder shows the draft \(version 4\)/);
    cleanup();
    openBuilder("/plugin/pipelines/orders_daily");
    await waitFor(() => expect(node("paid")).toBeTruthy());
    expect(screen.queryByLabelText("Version shown")).toBeNull();
  });

  it("links back to the list", async () => {
    openBuilder("/plugin/pipelines/orders_daily");
    fireEvent.click(await screen.findByRole("link", { name: "← Pipelines" }));
    await waitFor(() => expect(location.current).toBe("/plugin/pipelines"));
  });
});
