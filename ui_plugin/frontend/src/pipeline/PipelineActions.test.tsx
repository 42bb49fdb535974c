import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { PipelineDetail } from "../api/components";
import type { Publication } from "../api/publishing";
import { renderPage } from "../testing/renderPage";
import { PipelineActions } from "./PipelineActions";
import { fakeRoutes, pipelineDetail, twoNodeSpec } from "./testing/fakeRoutes";
import { PARSE_POLL_MS } from "./usePublishing";

// fetch is faked at the network boundary (see ./testing/fakeRoutes), with the API's real shapes.

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  window.localStorage.clear();
});

const spec = twoNodeSpec();

function renderActions(props: Partial<Parameters<typeof PipelineActions>[0]> = {}) {
  const onSaved = vi.fn<(pipeline: PipelineDetail) => void>();
  renderPage(
    <PipelineActions
      spec={spec}
      pipeline={null}
      hasErrors={false}
      canEdit
      canPublish
      onSaved={onSaved}
      {...props}
    />,
  );
  return onSaved;
}

async function saveWithMessage(button: string, message: string) {
  fireEvent.click(screen.getByRole("button", { name: button }));
  const dialog = await screen.findByRole("dialog");
  fireEvent.change(within(dialog).getByLabelText(/Version message/), { target: { value: message } });
  fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
  return dialog;
}

function publication(state: Publication["parse"]["state"]): Publication {
  return {
    pipeline_id: "orders_daily",
    published: true,
    version: 2,
    content_hash: "hash-2",
    published_by: "ops",
    published_at: "2026-11-27T16:00:00Z",
    dag_id: "orders_daily",
    parse: { state, message: null, last_parsed_time: null, parsed_content_hash: null, is_paused: false },
    dag_url: "/dags/orders_daily",
    history: [],
  };
}

describe("PipelineActions: save", () => {
  it("creates a new pipeline with the message and hands back the stored pipeline", async () => {
    const created = pipelineDetail(spec);
    const seen = fakeRoutes(() => ({ status: 201, body: created }));
    const onSaved = renderActions();

    await saveWithMessage("Create", "First cut");

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(created));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: "POST", path: "pipelines", body: { spec, message: "First cut" } });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("saves an existing pipeline at the row version it read", async () => {
    const edited = twoNodeSpec("orders_daily", { name: "Orders" });
    const saved = pipelineDetail(edited, { row_version: 5, latest_version: 3 });
    const seen = fakeRoutes(() => ({ status: 200, body: saved }));
    const onSaved = renderActions({
      spec: edited,
      pipeline: pipelineDetail(spec, { row_version: 4, latest_version: 2 }),
    });

    await saveWithMessage("Save", "Named it");

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    expect(seen[0]).toMatchObject({
      method: "PUT",
      path: "pipelines/orders_daily",
      body: { spec: edited, row_version: 4, message: "Named it" },
    });
  });

  const stale = {
    status: 409,
    body: {
      detail: {
        error: "stale_row_version",
        message: "pipeline 'orders_daily' was changed by someone else: you edited row version 4, it is now 6",
        field: "row_version",
        current_row_version: 6,
      },
    },
  };

  it("after a conflict, reloads the other save when asked", async () => {
    const edited = twoNodeSpec("orders_daily", { name: "Mine" });
    const theirs = pipelineDetail(twoNodeSpec("orders_daily", { name: "Theirs" }), { row_version: 6 });
    const seen = fakeRoutes((request) => (request.method === "PUT" ? stale : { status: 200, body: theirs }));
    const onSaved = renderActions({ spec: edited, pipeline: pipelineDetail(spec, { row_version: 4 }) });

    const dialog = await saveWithMessage("Save", "Mine");
    const conflict = await within(dialog).findByLabelText("Save conflict");
    expect(within(conflict).getByText(/changed by someone else/)).toBeTruthy();
    expect(onSaved).not.toHaveBeenCalled();

    fireEvent.click(within(conflict).getByRole("button", { name: "Reload theirs" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(theirs));
    expect(seen.map((request) => `${request.method} ${request.path}`)).toEqual([
      "PUT pipelines/orders_daily",
      "GET pipelines/orders_daily",
    ]);
  });

  it("after a conflict, overwrites with the current row version when asked to keep mine", async () => {
    const edited = twoNodeSpec("orders_daily", { name: "Mine" });
    const saved = pipelineDetail(edited, { row_version: 7 });
    const seen = fakeRoutes((request) =>
      (request.body as { row_version: number }).row_version === 4 ? stale : { status: 200, body: saved },
    );
    const onSaved = renderActions({ spec: edited, pipeline: pipelineDetail(spec, { row_version: 4 }) });

    const dialog = await saveWithMessage("Save", "Mine wins");
    fireEvent.click(await within(dialog).findByRole("button", { name: "Keep mine and overwrite" }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    expect(seen[1]).toMatchObject({ method: "PUT", body: { spec: edited, row_version: 6, message: "Mine wins" } });
  });

  it("keeps the dialog, the message and the spec when the network fails", async () => {
    fakeRoutes(() => "network-error");
    const onSaved = renderActions({ pipeline: pipelineDetail(spec) });

    const dialog = await saveWithMessage("Save", "Offline edit");

    expect(await within(dialog).findByText(/could not be reached.*Nothing was saved/)).toBeTruthy();
    expect((within(dialog).getByLabelText(/Version message/) as HTMLInputElement).value).toBe("Offline edit");
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("shows the API's message and field when the spec is refused", async () => {
    fakeRoutes(() => ({
      status: 409,
      body: { detail: { error: "already_exists", message: "pipeline 'orders_daily' already exists", field: "id" } },
    }));
    renderActions();
    const dialog = await saveWithMessage("Create", "Again");
    expect(await within(dialog).findByText("pipeline 'orders_daily' already exists (id)")).toBeTruthy();
  });
});

describe("PipelineActions: publish and run", () => {
  it("blocks publishing, with the reason, while there are problems or unsaved changes", () => {
    fakeRoutes(() => "pending");
    renderActions({ spec: twoNodeSpec("orders_daily", { name: "unsaved" }), pipeline: pipelineDetail(spec) });
    const publish = screen.getByRole("button", { name: "Publish" }) as HTMLButtonElement;
    expect(publish.disabled).toBe(true);
    expect(screen.getByText("Save your changes before publishing.")).toBeTruthy();

    cleanup();
    renderActions({ pipeline: pipelineDetail(spec), hasErrors: true });
    expect((screen.getByRole("button", { name: "Publish" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText("Fix the pipeline's problems before publishing.")).toBeTruthy();
  });

  it("hides publishing without the permission", () => {
    fakeRoutes(() => "pending");
    renderActions({ pipeline: pipelineDetail(spec), canPublish: false });
    expect(screen.queryByRole("button", { name: "Publish" })).toBeNull();
  });

  it("publishes the named version and polls Airflow's parse status until parsed", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const states: Publication["parse"]["state"][] = ["pending", "pending", "parsed"];
    const seen = fakeRoutes((request) =>
      request.method === "POST"
        ? {
            status: 200,
            body: {
              pipeline_id: "orders_daily",
              version: 2,
              content_hash: "hash-2",
              dag_id: "orders_daily",
              path: "pipelines/main/orders_daily.json",
              published_at: "2026-11-27T16:00:00Z",
            },
          }
        : { status: 200, body: publication(states.shift() ?? "parsed") },
    );
    renderActions({ pipeline: pipelineDetail(spec, { latest_version: 2 }) });

    fireEvent.click(screen.getByRole("button", { name: "Publish" }));
    const dialog = await screen.findByRole("dialog", { name: "Publish version 2 of orders_daily" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Publish version 2" }));
    expect(await within(dialog).findByText("Waiting for Airflow to parse it…")).toBeTruthy();
    expect(seen[0]).toMatchObject({ method: "POST", path: "pipelines/orders_daily/publish", body: { version: 2 } });

    await act(() => vi.advanceTimersByTimeAsync(PARSE_POLL_MS));
    expect(await within(dialog).findByText("waiting for Airflow")).toBeTruthy();
    await act(() => vi.advanceTimersByTimeAsync(PARSE_POLL_MS));
    await act(() => vi.advanceTimersByTimeAsync(PARSE_POLL_MS));
    expect(await within(dialog).findByText("parsed by Airflow")).toBeTruthy();
    const link = within(dialog).getByRole("link", { name: "Open orders_daily in Airflow" });
    // Published here: running no longer waits for the pipeline to be read again.
    expect((screen.getByRole("button", { name: "Run", hidden: true }) as HTMLButtonElement).disabled).toBe(false);
    expect(link.getAttribute("href")).toBe("http://localhost:8080/dags/orders_daily");

    // Parsed is final: no more polling.
    const polls = seen.filter((request) => request.path.endsWith("/publication")).length;
    expect(polls).toBe(3);
    await act(() => vi.advanceTimersByTimeAsync(PARSE_POLL_MS * 3));
    expect(seen.filter((request) => request.path.endsWith("/publication"))).toHaveLength(polls);
  });

  const queuedRun = {
    status: 201,
    body: {
      dag_id: "orders_daily",
      run_id: "manual__2026-11-27T16:05:00+00:00",
      state: "queued",
      run_type: "manual",
    },
  };

  it("queues a run of a published pipeline and points to the runs panel", async () => {
    let asked = false;
    const seen = fakeRoutes((request) => {
      if (request.path.endsWith("/publication")) {
        asked = true;
        return { status: 200, body: publication("parsed") };
      }
      return queuedRun;
    });
    const announced = vi.fn();
    window.addEventListener("aggregator:run-triggered", announced);
    renderActions({ pipeline: pipelineDetail(spec, { published_version: 1 }) });

    fireEvent.click(screen.getByRole("button", { name: "Run" }));
    const status = await screen.findByRole("status", {
      name: "Run manual__2026-11-27T16:05:00+00:00 queued: follow it under Runs.",
    });
    expect(status.textContent).toBe("Run queued: follow it under Runs.");
    expect(seen[0]).toMatchObject({ method: "POST", path: "pipelines/orders_daily/runs" });
    expect(announced).toHaveBeenCalledTimes(1);
    window.removeEventListener("aggregator:run-triggered", announced);
    // The DAG is not paused: once its publication is read, there is nothing more to say.
    await waitFor(() => expect(asked).toBe(true));
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(screen.queryByRole("button", { name: "Unpause" })).toBeNull();
  });

  it("says that a paused DAG's run waits, and unpauses it through Airflow's API", async () => {
    const paused = publication("parsed");
    paused.parse.is_paused = true;
    const seen = fakeRoutes((request) => {
      if (request.path.endsWith("/publication")) {
        return { status: 200, body: paused };
      }
      if (request.method === "PATCH") {
        return { status: 200, body: { dag_id: "orders_daily", is_paused: false } };
      }
      return queuedRun;
    });
    renderActions({ pipeline: pipelineDetail(spec, { published_version: 1 }) });

    fireEvent.click(screen.getByRole("button", { name: "Run" }));
    expect(await screen.findByText("orders_daily is paused in Airflow: its runs wait until it is unpaused.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Unpause" }));
    expect(await screen.findByText(/orders_daily is unpaused/)).toBeTruthy();
    const patch = seen.find((request) => request.method === "PATCH");
    // Airflow's own API, not the aggregator's: the path is not under /aggregator/api/.
    expect(patch).toMatchObject({ path: "/api/v2/dags/orders_daily", body: { is_paused: false } });
    expect(patch?.query.get("update_mask")).toBe("is_paused");
  });

  it("shows why Airflow refused to unpause", async () => {
    const paused = publication("parsed");
    paused.parse.is_paused = true;
    fakeRoutes((request) => {
      if (request.path.endsWith("/publication")) {
        return { status: 200, body: paused };
      }
      if (request.method === "PATCH") {
        return { status: 403, body: { detail: "Forbidden" } };
      }
      return queuedRun;
    });
    renderActions({ pipeline: pipelineDetail(spec, { published_version: 1 }) });
    fireEvent.click(screen.getByRole("button", { name: "Run" }));
    fireEvent.click(await screen.findByRole("button", { name: "Unpause" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Airflow's API answered 403: Forbidden");
  });

  it("explains a refused run", async () => {
    fakeRoutes(() => ({
      status: 409,
      body: {
        detail: {
          error: "not_runnable",
          message: "Airflow has not parsed the published version yet; try again once it has",
          field: "pipeline_id",
          parse_state: "pending",
        },
      },
    }));
    renderActions({ pipeline: pipelineDetail(spec, { published_version: 1 }) });
    fireEvent.click(screen.getByRole("button", { name: "Run" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Airflow has not parsed the published version yet");
  });

  it("blocks running an unpublished pipeline", () => {
    fakeRoutes(() => "pending");
    renderActions({ pipeline: pipelineDetail(spec) });
    expect((screen.getByRole("button", { name: "Run" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText("Publish a version first.")).toBeTruthy();
  });
});
