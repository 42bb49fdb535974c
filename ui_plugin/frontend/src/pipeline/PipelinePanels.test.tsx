import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { Answer } from "../testing/fakeApi";
import type { PipelineDetail } from "../api/components";
import type { RunDetail } from "../api/publishing";
import type { PipelineSpec } from "../spec/types";
import { renderPage } from "../testing/renderPage";
import { CODE_APPLY_DELAY_MS } from "./CodePanel";
import * as yamlText from "./yamlText";
import { PipelinePanels } from "./PipelinePanels";
import { announceRun } from "./runEvents";
import { fakeRoutes, pipelineDetail, type SeenRequest, twoNodeSpec } from "./testing/fakeRoutes";
import { RUN_POLL_MS } from "./useRunFollow";

// fetch is faked at the network boundary (see ./testing/fakeRoutes), with the API's real shapes.

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const spec = twoNodeSpec();

interface Spies {
  onSpecChange: ReturnType<typeof vi.fn<(spec: PipelineSpec) => void>>;
  onNodeStates: ReturnType<typeof vi.fn<(states: Record<string, string>) => void>>;
  onDiffMarks: ReturnType<typeof vi.fn<(marks: Record<string, string> | null) => void>>;
}

/** The panels inside a page that holds the spec, as the builder does. */
interface HostProps {
  initial: PipelineSpec;
  pipeline: PipelineDetail | null;
  spies: Spies;
  selected: string | null;
}

function Host({ initial, pipeline, spies, selected }: HostProps) {
  const [current, setCurrent] = useState(initial);
  return (
    <>
      <PipelinePanels
        spec={current}
        pipeline={pipeline}
        selectedNodeId={selected}
        readOnly={false}
        onSpecChange={(next) => {
          spies.onSpecChange(next);
          setCurrent(next);
        }}
        onNodeStates={spies.onNodeStates}
        onDiffMarks={spies.onDiffMarks}
      />
      <button onClick={() => setCurrent({ ...current, name: "Renamed on the canvas" })}>canvas edit</button>
    </>
  );
}

function renderPanels(
  answer: (request: SeenRequest) => Answer,
  options: { pipeline?: PipelineDetail | null; selected?: string | null } = {},
) {
  const seen = fakeRoutes(answer);
  const spies: Spies = { onSpecChange: vi.fn(), onNodeStates: vi.fn(), onDiffMarks: vi.fn() };
  renderPage(
    <Host initial={spec} pipeline={options.pipeline ?? null} spies={spies} selected={options.selected ?? null} />,
  );
  return { seen, spies };
}

const valid: Answer = { status: 200, body: { valid: true, errors: [] } };

function codeBox(): HTMLTextAreaElement {
  return screen.getByLabelText("Pipeline spec (YAML)") as HTMLTextAreaElement;
}

async function settle(ms = CODE_APPLY_DELAY_MS) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}

async function openTab(name: string) {
  fireEvent.click(screen.getByRole("tab", { name }));
  await waitFor(() => expect(screen.getByRole("tab", { name }).getAttribute("aria-selected")).toBe("true"));
}

/** The panels with the Code tab open. */
async function renderCode(answer: (request: SeenRequest) => Answer) {
  const rendered = renderPanels(answer);
  await openTab("Code");
  return rendered;
}

describe("PipelinePanels: code", () => {
  it("opens on the preview and writes no YAML until the Code tab is opened", async () => {
    renderPanels(() => valid);
    expect(screen.getByRole("tab", { name: "Preview" }).getAttribute("aria-selected")).toBe("true");
    expect(screen.queryByLabelText("Pipeline spec (YAML)")).toBeNull();
    await openTab("Code");
    expect(codeBox().value).toContain("id: orders_daily");
  });


  it("shows the spec as YAML and applies valid typed YAML once typing pauses", async () => {
    const { spies } = await renderCode(() => valid);
    expect(codeBox().value).toContain("id: orders_daily");
    expect(codeBox().value).toContain("type: source.file");

    fireEvent.change(codeBox(), { target: { value: `${codeBox().value}name: Typed\n` } });
    expect(spies.onSpecChange).not.toHaveBeenCalled();
    await settle();

    expect(spies.onSpecChange).toHaveBeenCalledTimes(1);
    expect(spies.onSpecChange.mock.calls[0]?.[0]).toEqual({ ...spec, name: "Typed" });
  });

  it("rewrites the text once the spec changed elsewhere stays still", async () => {
    await renderCode(() => valid);
    fireEvent.click(screen.getByRole("button", { name: "canvas edit" }));
    // Not on every change: writing a large spec out is slow, so it waits for a pause.
    expect(codeBox().value).not.toContain("name: Renamed on the canvas");
    await settle();
    expect(codeBox().value).toContain("name: Renamed on the canvas");
  });

  it("parses no text it wrote itself: a change on the canvas is written out, not read back", async () => {
    await renderCode(() => valid);
    await settle();
    const parse = vi.spyOn(yamlText, "yamlToSpec");
    fireEvent.click(screen.getByRole("button", { name: "canvas edit" }));
    await settle();
    expect(codeBox().value).toContain("name: Renamed on the canvas");
    // The rewritten text settles in its turn.
    await settle();
    expect(parse).not.toHaveBeenCalled();
  });

  it("keeps broken YAML as typed, says where it breaks, and leaves the spec alone", async () => {
    const { spies, seen } = await renderCode(() => valid);
    await settle();
    const validations = seen.length;
    const broken = "apiVersion: aggregator/v1\nid: orders_daily\nnodes: [\n";
    fireEvent.change(codeBox(), { target: { value: broken } });
    await settle();

    const error = await screen.findByLabelText("YAML error");
    expect(error.textContent).toContain("Line 4, column 1: Flow sequence in block collection");
    expect(codeBox().value).toBe(broken);
    expect(spies.onSpecChange).not.toHaveBeenCalled();
    expect(seen).toHaveLength(validations);

    // A change on the canvas meanwhile does not wipe the text; it asks first.
    fireEvent.click(screen.getByRole("button", { name: "canvas edit" }));
    expect(await screen.findByLabelText("Pipeline changed elsewhere")).toBeTruthy();
    expect(codeBox().value).toBe(broken);
    fireEvent.click(screen.getByRole("button", { name: "Replace the text with the pipeline" }));
    expect(codeBox().value).toContain("name: Renamed on the canvas");
  });

  it("asks the API to validate the text and lists its problems with line numbers", async () => {
    const { seen } = await renderCode((request) =>
      request.path === "validate"
        ? {
            status: 200,
            body: {
              valid: false,
              errors: [{ path: "nodes[0].type", message: "unknown node type 'source.nope'", line: 4, column: 11 }],
            },
          }
        : "pending",
    );
    const problems = await screen.findByLabelText("Spec problems");
    expect(problems.textContent).toContain("Line 4, column 11:");
    expect(problems.textContent).toContain("nodes[0].type");
    expect(problems.textContent).toContain("unknown node type 'source.nope'");
    expect(seen[0]).toMatchObject({ method: "POST", path: "validate", body: { spec_text: codeBox().value } });
  });
});

const sample = {
  pipeline_id: "orders_daily",
  seconds: 0.05,
  nodes: [
    {
      node_id: "orders",
      node_type: "source.file",
      status: "ok",
      schema: [
        { name: "order_id", type: "int64" },
        { name: "ordered_on", type: "date32[day]" },
      ],
      rows: [
        { order_id: 1, ordered_on: "2026-03-01" },
        { order_id: 2, ordered_on: null },
      ],
      row_count: 2,
      truncated: false,
      limit: null,
      seconds: 0.01,
      error: null,
      reason: null,
    },
    {
      node_id: "copy",
      node_type: "sink.file",
      status: "skipped",
      schema: [],
      rows: [],
      row_count: 0,
      truncated: false,
      limit: null,
      seconds: 0,
      error: null,
      reason: "a sink: a preview never writes",
    },
  ],
};

describe("PipelinePanels: preview", () => {
  it("previews up to the selected node and shows its rows under its schema", async () => {
    const { seen } = renderPanels((request) => (request.path === "preview" ? { status: 200, body: sample } : valid), {
      selected: "orders",
    });
    await openTab("Preview");
    fireEvent.click(screen.getByRole("button", { name: "Preview up to orders" }));

    const grid = await screen.findByRole("table", { name: "Rows of orders" });
    const headers = within(grid).getAllByRole("columnheader").map((cell) => cell.textContent);
    expect(headers).toEqual(["order_idint64", "ordered_ondate32[day]"]);
    const cells = within(grid)
      .getAllByRole("row")
      .slice(1)
      .map((row) => within(row).getAllByRole("cell").map((cell) => cell.textContent));
    expect(cells).toEqual([
      ["1", "2026-03-01"],
      ["2", "null"],
    ]);
    const nodes = screen.getByRole("table", { name: "Previewed nodes" });
    expect(within(nodes).getByText("a sink: a preview never writes")).toBeTruthy();
    expect(seen.find((request) => request.path === "preview")?.body).toEqual({ spec, node: "orders", rows: 100 });
  });

  it("shows a failed preview's error", async () => {
    renderPanels((request) =>
      request.path === "preview"
        ? {
            status: 403,
            body: {
              detail: {
                error: "forbidden",
                message: "denied",
                missing_permission: { action: "can_edit", resource: "Aggregator Code" },
              },
            },
          }
        : valid,
    );
    await openTab("Preview");
    fireEvent.click(screen.getByRole("button", { name: "Preview all nodes" }));
    expect(await screen.findByText("The preview failed")).toBeTruthy();
    expect(screen.getByText(/You need can_edit on Aggregator Code/)).toBeTruthy();
  });

  it("cancels a running preview", async () => {
    let signal: AbortSignal | undefined;
    renderPanels((request) => (request.path === "preview" ? "pending" : valid));
    // Still the fake fetch underneath; this only notes the signal the preview was sent with.
    const faked = globalThis.fetch;
    vi.stubGlobal("fetch", (input: URL, init: RequestInit) => {
      if (String(input).endsWith("/preview")) {
        signal = init.signal ?? undefined;
      }
      return faked(input, init);
    });
    await openTab("Preview");
    fireEvent.click(screen.getByRole("button", { name: "Preview all nodes" }));
    expect(await screen.findByLabelText("Running the preview")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(signal?.aborted).toBe(true);
    expect(screen.queryByLabelText("Running the preview")).toBeNull();
    expect(screen.queryByText("The preview failed")).toBeNull();
  });
});

function version(number: number, author: string, message: string, created_at: string) {
  return { pipeline_id: "orders_daily", number, content_hash: `h${number}`, author, message, created_at };
}

const versions = {
  items: [
    version(2, "bob", "Added copy", "2026-11-27T15:00:00Z"),
    version(1, "alice", "Created", "2026-11-26T15:00:00Z"),
  ],
  total: 2,
  limit: 100,
  offset: 0,
};

const diff = {
  from_version: 1,
  to_version: 2,
  summary: "1 node added, 1 changed, 1 config key changed, 1 edge added",
  pipeline: [],
  nodes: {
    added: [{ id: "copy", type: "sink.file" }],
    removed: [{ id: "old_sink", type: "sink.file" }],
    renamed: [],
    changed: [
      {
        id: "orders",
        fields: [],
        config: [{ path: "path", change: "changed", old: "orders.csv", new: "orders_v2.csv" }],
      },
    ],
  },
  edges: { added: [{ from: "orders", to: "copy" }], removed: [] },
};

/** The version list, plus a body for each other path ending; POST /validate answers valid. */
function versionRoutes(bodies: Record<string, unknown>): (request: SeenRequest) => Answer {
  const routes: Record<string, unknown> = { "/versions": versions, ...bodies };
  return (request) => {
    const ending = Object.keys(routes).find((end) => request.path.endsWith(end));
    return ending ? { status: 200, body: routes[ending] } : valid;
  };
}

describe("PipelinePanels: versions", () => {
  it("compares two selected versions, marks the nodes for the canvas, and clears the marks", async () => {
    const { seen, spies } = renderPanels(
      versionRoutes({ "/diff": diff }),
      { pipeline: pipelineDetail(spec, { latest_version: 2 }) },
    );
    await openTab("Versions");
    const table = await screen.findByRole("table", { name: "Versions" });
    expect(within(table).getByText("Added copy")).toBeTruthy();
    expect(within(table).getByText("alice")).toBeTruthy();

    fireEvent.click(screen.getByLabelText("Select version 2"));
    fireEvent.click(screen.getByLabelText("Select version 1"));
    fireEvent.click(await screen.findByRole("button", { name: "Compare versions 1 and 2" }));

    const list = await screen.findByLabelText("Differences");
    expect(list.textContent).toContain("1 node added");
    expect(list.textContent).toContain("config.path");
    expect(list.textContent).toContain('"orders.csv" → "orders_v2.csv"');
    const request = seen.find((item) => item.path.endsWith("/diff"));
    expect(request?.query.get("from_version")).toBe("1");
    expect(request?.query.get("to_version")).toBe("2");
    expect(spies.onDiffMarks).toHaveBeenLastCalledWith({ copy: "added", old_sink: "removed", orders: "changed" });

    fireEvent.click(screen.getByRole("button", { name: "Clear comparison" }));
    expect(spies.onDiffMarks).toHaveBeenLastCalledWith(null);
    expect(screen.queryByLabelText("Differences")).toBeNull();
  });

  it("compares one version with the saved draft", async () => {
    const { seen } = renderPanels(
      versionRoutes({ "/diff": { ...diff, to_version: "draft" } }),
      { pipeline: pipelineDetail(spec, { latest_version: 2 }) },
    );
    await openTab("Versions");
    fireEvent.click(await screen.findByLabelText("Select version 1"));
    fireEvent.click(await screen.findByRole("button", { name: "Compare version 1 with the saved draft" }));
    await screen.findByLabelText("Differences");
    expect(seen.find((item) => item.path.endsWith("/diff"))?.query.get("to_version")).toBe("draft");
  });

  it("restores a version as the draft and hands its spec to the editor", async () => {
    const restoredSpec = twoNodeSpec("orders_daily", { name: "As in version 1" });
    const restored = pipelineDetail(restoredSpec, { row_version: 5, latest_version: 3 });
    const { seen, spies } = renderPanels(
      versionRoutes({ "/restore": restored }),
      { pipeline: pipelineDetail(spec, { row_version: 4, latest_version: 2 }) },
    );
    await openTab("Versions");
    fireEvent.click(await screen.findByRole("button", { name: "Restore version 1" }));

    await waitFor(() => expect(spies.onSpecChange).toHaveBeenCalledWith(restoredSpec));
    expect(await screen.findByText("Version 1 is the draft again, saved as version 3.")).toBeTruthy();
    expect(seen.find((item) => item.path.endsWith("/restore"))).toMatchObject({
      path: "pipelines/orders_daily/versions/1/restore",
      body: { row_version: 4 },
    });
  });

  it("hands the server's copy after a restore to the editor when it takes it", async () => {
    const restored = pipelineDetail(twoNodeSpec("orders_daily", { name: "As in version 1" }), {
      row_version: 5,
      latest_version: 3,
    });
    fakeRoutes(versionRoutes({ "/restore": restored }));
    const onSaved = vi.fn<(pipeline: PipelineDetail) => void>();
    const onSpecChange = vi.fn<(spec: PipelineSpec) => void>();
    renderPage(
      <PipelinePanels
        spec={spec}
        pipeline={pipelineDetail(spec, { row_version: 4, latest_version: 2 })}
        selectedNodeId={null}
        readOnly={false}
        onSpecChange={onSpecChange}
        onNodeStates={vi.fn()}
        onDiffMarks={vi.fn()}
        onSaved={onSaved}
      />,
    );
    await openTab("Versions");
    fireEvent.click(await screen.findByRole("button", { name: "Restore version 1" }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(restored));
    expect(onSpecChange).not.toHaveBeenCalled();
  });
});

function runDetail(state: string, tasks: RunDetail["tasks"]): RunDetail {
  return {
    dag_id: "orders_daily",
    run_id: "manual__1",
    state,
    run_type: "manual",
    logical_date: null,
    run_after: "2026-11-27T16:00:00Z",
    queued_at: "2026-11-27T16:00:00Z",
    start_date: "2026-11-27T16:00:01Z",
    end_date: state === "running" ? null : "2026-11-27T16:00:09Z",
    triggered_by: "ops",
    note: null,
    content_hash: "h2",
    version: 2,
    tasks,
  };
}

function task(taskId: string, state: string | null, nodes: string[]): RunDetail["tasks"][number] {
  return {
    task_id: taskId,
    map_index: -1,
    state,
    try_number: 1,
    start_date: null,
    end_date: null,
    duration: null,
    nodes,
  };
}

describe("PipelinePanels: runs", () => {
  it("follows the latest run and colours every node of a fused task with its state", async () => {
    const details = [
      runDetail("running", [task("copy", "running", ["orders", "clean", "copy"]), task("audit", null, ["audit"])]),
      runDetail("success", [task("copy", "success", ["orders", "clean", "copy"]), task("audit", "success", ["audit"])]),
    ];
    const { seen, spies } = renderPanels(
      (request) => {
        if (request.path.endsWith("/runs")) {
          const { tasks: _tasks, ...summary } = runDetail("running", []);
          return { status: 200, body: { items: [summary], total: 1, limit: 25, offset: 0 } };
        }
        if (request.path.includes("/runs/")) {
          return { status: 200, body: details.length > 1 ? details.shift() : details[0] };
        }
        return valid;
      },
      { pipeline: pipelineDetail(spec, { published_version: 2 }) },
    );
    await openTab("Runs");

    await waitFor(() =>
      expect(spies.onNodeStates).toHaveBeenLastCalledWith({
        orders: "running",
        clean: "running",
        copy: "running",
        audit: "none",
      }),
    );
    expect(within(await screen.findByRole("table", { name: "Tasks" })).getByText("orders → clean → copy")).toBeTruthy();
    expect(seen.find((item) => item.path.includes("/runs/"))?.path).toBe("pipelines/orders_daily/runs/manual__1");

    await act(() => vi.advanceTimersByTimeAsync(RUN_POLL_MS));
    await waitFor(() =>
      expect(spies.onNodeStates).toHaveBeenLastCalledWith({
        orders: "success",
        clean: "success",
        copy: "success",
        audit: "success",
      }),
    );
    const polls = seen.filter((item) => item.path.includes("/runs/")).length;
    await act(() => vi.advanceTimersByTimeAsync(RUN_POLL_MS * 2));
    expect(seen.filter((item) => item.path.includes("/runs/"))).toHaveLength(polls);
  });

  it("switches to the runs of a run queued from the page", async () => {
    const { spies } = renderPanels(
      (request) => {
        if (request.path.endsWith("/runs")) {
          return { status: 200, body: { items: [], total: 0, limit: 25, offset: 0 } };
        }
        if (request.path.includes("/runs/")) {
          return { status: 200, body: runDetail("queued", [task("copy", null, ["orders", "copy"])]) };
        }
        return valid;
      },
      { pipeline: pipelineDetail(spec, { published_version: 2 }) },
    );
    const { tasks: _tasks, ...queued } = runDetail("queued", []);
    act(() => announceRun(queued));
    await waitFor(() => expect(screen.getByRole("tab", { name: "Runs" }).getAttribute("aria-selected")).toBe("true"));
    await waitFor(() => expect(spies.onNodeStates).toHaveBeenLastCalledWith({ orders: "none", copy: "none" }));
  });

  it("says versions and runs need a saved pipeline", async () => {
    renderPanels(() => valid);
    await openTab("Runs");
    expect(screen.getByText("Runs appear once the pipeline is saved.")).toBeTruthy();
  });
});
