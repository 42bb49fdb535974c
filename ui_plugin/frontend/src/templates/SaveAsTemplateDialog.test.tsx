import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";

import { forgetPermissions } from "../permissions/usePermissions";
import { meAs, type Role } from "../permissions/testing";
import { fakeFetch, pipeline, type Answer } from "../testing/fakeApi";
import { renderPage } from "../testing/renderPage";
import { SaveAsTemplateDialog } from "./SaveAsTemplateDialog";
import { valuePaths } from "./valuePaths";

afterEach(() => {
  cleanup();
  forgetPermissions();
});

const DRAFT = {
  apiVersion: "aggregator/v1",
  id: "orders_daily",
  name: "Daily orders",
  schedule: "@daily",
  nodes: [
    { id: "orders", type: "source.file", config: { path: "orders.csv", format: "csv" } },
    { id: "load", type: "sink.file", inputs: ["orders"], config: { path: "orders.parquet", partition_by: ["day"] } },
  ],
};

/** The dialog as the builder opens it, fetch faked at the network boundary; returns the POST bodies. */
function openDialog(role: Role, save: (body: Record<string, unknown>) => Answer = () => "pending") {
  const bodies: Record<string, unknown>[] = [];
  const seen = fakeFetch((url) => {
    if (url.pathname.endsWith("/me")) {
      return { status: 200, body: meAs(role) };
    }
    if (url.pathname === "/aggregator/api/pipelines/orders_daily") {
      return {
        status: 200,
        body: { ...pipeline("orders_daily"), draft_spec: DRAFT, latest_version: 2, published_version: null },
      };
    }
    const body = JSON.parse(String(seen.inits[seen.inits.length - 1]?.body)) as Record<string, unknown>;
    bodies.push(body);
    return save(body);
  });
  renderPage(
    <Routes>
      <Route
        path="/plugin/pipelines/:pipelineId"
        element={<SaveAsTemplateDialog pipelineId="orders_daily" open onClose={() => undefined} />}
      />
    </Routes>,
    "/plugin/pipelines/orders_daily",
  );
  return { requests: seen.requests, bodies };
}

async function fillIn(title: string, name: string, path: string) {
  const dialog = await screen.findByRole("dialog", { name: "Save as template" });
  const form = within(dialog);
  fireEvent.change(await form.findByLabelText(/^Title/), { target: { value: title } });
  fireEvent.change(form.getByLabelText("Name of parameter 1"), { target: { value: name } });
  fireEvent.change(form.getByLabelText("Path of parameter 1"), { target: { value: path } });
  return form;
}

describe("SaveAsTemplateDialog", () => {
  it("saves the pipeline's values at the given paths as parameters", async () => {
    const { requests, bodies } = openDialog("Op", (body) => ({
      status: 201,
      body: {
        id: body.template_id,
        title: body.title,
        description: "",
        tags: [],
        builtin: false,
        parameters: [],
        created_by: "op",
        created_at: "2026-11-27T15:00:00Z",
        spec: {},
      },
    }));
    const form = await fillIn("Orders files", "source", "nodes[0].config.path");
    // The pipeline's values are offered as paths.
    const options = [...document.querySelectorAll("datalist option")].map((option) => option.getAttribute("value"));
    expect(options).toContain("nodes[0].config.path");
    expect(options).toContain("nodes[1].config.partition_by");
    fireEvent.click(form.getByRole("button", { name: "Save template" }));

    expect(await form.findByText('Saved template "Orders files" (orders_daily_template)')).toBeTruthy();
    expect(form.getByRole("link", { name: "Open the templates gallery" }).getAttribute("href")).toBe(
      "/plugin/pipelines/templates",
    );
    expect(bodies).toEqual([
      { template_id: "orders_daily_template", title: "Orders files", parameters: { source: "nodes[0].config.path" } },
    ]);
    expect(requests.at(-1)?.pathname).toBe("/aggregator/api/pipelines/orders_daily/template");
  });

  it("shows a refused path under its parameter and a taken id under the id", async () => {
    let answer: Answer = {
      status: 422,
      body: {
        detail: {
          error: "invalid_template",
          message: "1 problem(s): parameters.source: nodes has no '7'",
          field: "parameters.source",
          errors: [{ path: "parameters.source", message: "nodes has no '7'", line: null, column: null }],
        },
      },
    };
    openDialog("Op", () => answer);
    const form = await fillIn("Orders files", "source", "nodes[7].config.path");
    fireEvent.click(form.getByRole("button", { name: "Save template" }));
    expect(await form.findByText("nodes has no '7'")).toBeTruthy();

    answer = {
      status: 409,
      body: {
        detail: {
          error: "already_exists",
          message: "'files_compaction' is the id of a built-in template; choose another",
          field: "template_id",
        },
      },
    };
    fireEvent.click(form.getByRole("button", { name: "Save template" }));
    expect(await form.findByText("'files_compaction' is the id of a built-in template; choose another")).toBeTruthy();
    expect(form.queryByText("nodes has no '7'")).toBeNull();
  });

  it("asks for a title before sending anything", async () => {
    const { bodies } = openDialog("Op");
    const dialog = await screen.findByRole("dialog", { name: "Save as template" });
    fireEvent.click(await within(dialog).findByRole("button", { name: "Save template" }));
    expect(await within(dialog).findByText("Give the template a title.")).toBeTruthy();
    expect(bodies).toEqual([]);
  });

  it("tells a user without can_create on templates that they cannot save one", async () => {
    openDialog("User");
    const dialog = await screen.findByRole("dialog", { name: "Save as template" });
    expect(await within(dialog).findByText(/needs can_create on Aggregator Templates/)).toBeTruthy();
    expect(within(dialog).queryByRole("button", { name: "Save template" })).toBeNull();
  });
});

describe("valuePaths", () => {
  it("lists the spec's values by path, lists of values as one", () => {
    expect(valuePaths(DRAFT)).toEqual([
      { path: "name", value: "Daily orders" },
      { path: "schedule", value: "@daily" },
      { path: "nodes[0].config.path", value: "orders.csv" },
      { path: "nodes[0].config.format", value: "csv" },
      { path: "nodes[1].config.path", value: "orders.parquet" },
      { path: "nodes[1].config.partition_by", value: '["day"]' },
    ]);
  });

  it("walks into lists of objects", () => {
    const spec = { nodes: [{ config: { columns: [{ name: "a", expr: "b + 1" }] } }] };
    expect(valuePaths(spec).map((found) => found.path)).toEqual([
      "nodes[0].config.columns[0].name",
      "nodes[0].config.columns[0].expr",
    ]);
  });
});
