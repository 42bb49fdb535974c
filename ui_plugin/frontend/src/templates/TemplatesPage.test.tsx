import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { Route, Routes, useParams } from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";

import { forgetPermissions } from "../permissions/usePermissions";
import { meAs, type Role } from "../permissions/testing";
import { fakeFetch, type Answer } from "../testing/fakeApi";
import { location, renderPage } from "../testing/renderPage";
import { BUILTIN_TEMPLATES } from "./testing/builtinTemplates";
import { TemplatesPage } from "./TemplatesPage";

afterEach(() => {
  cleanup();
  forgetPermissions();
});

function Builder() {
  return <p>builder of {useParams().pipelineId}</p>;
}

/**
 * The gallery where the plugin routes it, beside the builder, with fetch faked at the network
 * boundary: GET /me answers for `role`, GET /templates the built-ins, the rest as `instantiate` says.
 */
function renderGallery(role: Role, instantiate: (body: Record<string, unknown>) => Answer = () => "pending") {
  const bodies: Record<string, unknown>[] = [];
  const seen = fakeFetch((url) => {
    if (url.pathname.endsWith("/me")) {
      return { status: 200, body: meAs(role) };
    }
    if (url.pathname === "/aggregator/api/templates") {
      return { status: 200, body: BUILTIN_TEMPLATES };
    }
    const body = JSON.parse(String(seen.inits[seen.inits.length - 1]?.body)) as Record<string, unknown>;
    bodies.push(body);
    return instantiate(body);
  });
  renderPage(
    <Routes>
      <Route path="/plugin/pipelines/templates" element={<TemplatesPage />} />
      <Route path="/plugin/pipelines/:pipelineId" element={<Builder />} />
    </Routes>,
    "/plugin/pipelines/templates",
  );
  return { requests: seen.requests, bodies };
}

async function openTemplate(title: string) {
  fireEvent.click(await screen.findByRole("button", { name: `Use template ${title}` }));
  return screen.findByRole("dialog", { name: `New pipeline from "${title}"` });
}

const REPLICATION = "Database replication (incremental)";

describe("TemplatesPage", () => {
  it("shows every template as a card with its badge, description and parameters", async () => {
    const { requests } = renderGallery("User");
    const cards = await screen.findAllByRole("article");
    expect(cards).toHaveLength(6);
    const replication = screen.getByRole("article", { name: REPLICATION });
    expect(within(replication).getByText("built-in")).toBeTruthy();
    expect(within(replication).getByText("database_replication_incremental")).toBeTruthy();
    const parameters = within(replication).getByRole("list", { name: `Parameters of ${REPLICATION}` });
    expect(within(parameters).getByText("source_conn").parentElement?.textContent).toBe("source_conn connection, required");
    expect(within(parameters).getByText("cursor_column").parentElement?.textContent).toBe(
      "cursor_column string, default updated_at",
    );
    const list = requests.find((url) => url.pathname === "/aggregator/api/templates");
    expect(list?.searchParams.get("limit")).toBe("24");
    expect(list?.searchParams.get("offset")).toBe("0");
  });

  it("offers a Viewer no template to use, and says why", async () => {
    renderGallery("Viewer");
    await screen.findAllByRole("article");
    expect(await screen.findByText(/needs can_create on Aggregator Pipelines/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Use template/ })).toBeNull();
  });

  it("creates a pipeline from the form's values and opens it in the builder", async () => {
    const { bodies } = renderGallery("User", (body) => ({
      status: 201,
      body: { spec: { id: body.pipeline_id }, pipeline: { id: body.pipeline_id, row_version: 1 } },
    }));
    const dialog = await openTemplate(REPLICATION);
    const form = within(dialog);
    fireEvent.change(form.getByLabelText(/^Pipeline id/), { target: { value: "orders_replication" } });
    fireEvent.change(form.getByLabelText(/^source_conn/), { target: { value: "app_db" } });
    fireEvent.change(form.getByLabelText(/^source_table/), { target: { value: "orders" } });
    fireEvent.change(form.getByLabelText(/^target_conn/), { target: { value: "dwh" } });
    fireEvent.change(form.getByLabelText(/^target_table/), { target: { value: "orders_copy" } });
    fireEvent.change(form.getByLabelText(/^lookback/), { target: { value: "2.5" } });
    fireEvent.change(form.getByLabelText(/^keys/), { target: { value: "id,\ntenant_id" } });
    fireEvent.click(form.getByRole("button", { name: "Create pipeline" }));

    expect(await screen.findByText("builder of orders_replication")).toBeTruthy();
    expect(location.current).toBe("/plugin/pipelines/orders_replication");
    expect(bodies).toEqual([
      {
        parameters: {
          source_conn: "app_db",
          source_table: "orders",
          lookback: 2.5,
          target_conn: "dwh",
          target_table: "orders_copy",
          keys: ["id", "tenant_id"],
        },
        pipeline_id: "orders_replication",
        create: true,
      },
    ]);
  });

  it("shows each value the API refuses under its field, and keeps what was typed", async () => {
    const { bodies } = renderGallery("User", () => ({
      status: 422,
      body: {
        detail: {
          error: "invalid_parameters",
          message: "2 problem(s): parameters.lookback: expected a number, got 'ten'",
          field: "parameters.lookback",
          errors: [
            { path: "parameters.lookback", message: "expected a number, got 'ten'", line: null, column: null },
            { path: "parameters.source_table", message: "a value is required", line: null, column: null },
          ],
        },
      },
    }));
    const dialog = await openTemplate(REPLICATION);
    const form = within(dialog);
    fireEvent.change(form.getByLabelText(/^Pipeline id/), { target: { value: "orders_replication" } });
    fireEvent.change(form.getByLabelText(/^lookback/), { target: { value: "ten" } });
    fireEvent.click(form.getByRole("button", { name: "Create pipeline" }));

    expect(await form.findByText("expected a number, got 'ten'")).toBeTruthy();
    expect(form.getByText("a value is required")).toBeTruthy();
    // Text that is not a number goes as typed, so the API names the field.
    expect((bodies[0]?.parameters as Record<string, unknown>).lookback).toBe("ten");
    expect((form.getByLabelText(/^lookback/) as HTMLInputElement).value).toBe("ten");
    expect(location.current).toBe("/plugin/pipelines/templates");
  });

  it("names a taken pipeline id under the id field", async () => {
    renderGallery("User", () => ({
      status: 409,
      body: {
        detail: {
          error: "already_exists",
          message: "pipeline 'compact' exists; choose another pipeline_id",
          field: "pipeline_id",
        },
      },
    }));
    const dialog = await openTemplate("Files compaction");
    fireEvent.change(within(dialog).getByLabelText(/^Pipeline id/), { target: { value: "compact" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Create pipeline" }));
    expect(await within(dialog).findByText("pipeline 'compact' exists; choose another pipeline_id")).toBeTruthy();
  });

  it("asks for a pipeline id before sending anything", async () => {
    const { bodies } = renderGallery("User");
    const dialog = await openTemplate(REPLICATION);
    fireEvent.click(within(dialog).getByRole("button", { name: "Create pipeline" }));
    expect(await within(dialog).findByText(/Give the new pipeline an id/)).toBeTruthy();
    expect(bodies).toEqual([]);
  });

  it("explains a failure that belongs to no field", async () => {
    renderGallery("User", () => ({
      status: 403,
      body: {
        detail: {
          error: "permission_denied",
          message: "Creating code-bearing nodes (query) needs can_edit on Aggregator Code",
          missing_permission: { action: "can_edit", resource: "Aggregator Code" },
        },
      },
    }));
    const dialog = await openTemplate(REPLICATION);
    fireEvent.change(within(dialog).getByLabelText(/^Pipeline id/), { target: { value: "x" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Create pipeline" }));
    expect(await within(dialog).findByText("The pipeline was not created")).toBeTruthy();
    expect(within(dialog).getByText(/needs can_edit on Aggregator Code/)).toBeTruthy();
  });

  it("says why the gallery could not load, and retries", async () => {
    let failing = true;
    fakeFetch((url) => {
      if (url.pathname.endsWith("/me")) {
        return { status: 200, body: meAs("User") };
      }
      return failing
        ? { status: 500, body: { detail: { error: "internal", message: "the store is unreachable" } } }
        : { status: 200, body: BUILTIN_TEMPLATES };
    });
    renderPage(<TemplatesPage />, "/plugin/pipelines/templates");
    expect(await screen.findByText("the store is unreachable")).toBeTruthy();
    failing = false;
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(screen.getAllByRole("article")).toHaveLength(6));
  });
});
