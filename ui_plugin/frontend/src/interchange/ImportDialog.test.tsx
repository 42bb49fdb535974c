import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { fakeFetch, type Answer } from "../testing/fakeApi";
import { renderPage } from "../testing/renderPage";
import { ImportDialog } from "./ImportDialog";
import { guessImportKind } from "./importKind";

afterEach(cleanup);

const SPEC_YAML = "apiVersion: aggregator/v1\nid: orders_daily\nnodes: []\n";
const DAG_FACTORY_YAML = "etl:\n  default_args: {owner: data}\n  tasks:\n    extract:\n      operator: x\n";

/** The dialog, opened, with `fetch` faked at the network boundary; returns what was sent. */
function openDialog(answer: (url: URL, body: Record<string, unknown>) => Answer) {
  const bodies: Record<string, unknown>[] = [];
  const imported: string[][] = [];
  const seen = fakeFetch((url) => {
    const body = JSON.parse(String(seen.inits[seen.inits.length - 1]?.body)) as Record<string, unknown>;
    bodies.push(body);
    return answer(url, body);
  });
  renderPage(<ImportDialog open onClose={() => undefined} onImported={(ids) => imported.push(ids)} />);
  return { requests: seen.requests, bodies, imported };
}

function chooseFile(name: string, content: string) {
  fireEvent.change(screen.getByLabelText("File to import"), {
    target: { files: [new File([content], name, { type: "application/yaml" })] },
  });
}

describe("ImportDialog", () => {
  it("imports a spec file and reports what it created", async () => {
    const { requests, bodies, imported } = openDialog(() => ({
      status: 201,
      body: { created: ["orders_daily"], skipped: [] },
    }));
    chooseFile("orders.yaml", SPEC_YAML);
    await screen.findByText("orders.yaml");
    fireEvent.click(screen.getByRole("button", { name: "Import" }));

    expect(await screen.findByText("Created 1 pipeline: orders_daily")).toBeTruthy();
    expect(requests[0]?.pathname).toBe("/aggregator/api/import");
    expect(bodies[0]).toEqual({ content: SPEC_YAML, on_conflict: "fail" });
    expect(imported).toEqual([["orders_daily"]]);
    expect(screen.getByRole("button", { name: "Close" })).toBeTruthy();
  });

  it("lists every problem of a refused file, with its place", async () => {
    openDialog(() => ({
      status: 422,
      body: {
        detail: {
          error: "invalid_spec",
          message: "the spec has 1 problem(s): pipelines[1].nodes[0].type: unknown node type 'source.nope'",
          field: "content.pipelines[1].nodes[0].type",
          errors: [
            {
              path: "pipelines[1].nodes[0].type",
              message: "unknown node type 'source.nope'",
              line: 9,
              column: 13,
              index: 1,
              pipeline_id: "raw_copy",
            },
          ],
        },
      },
    }));
    chooseFile("set.yaml", SPEC_YAML);
    await screen.findByText("set.yaml");
    fireEvent.click(screen.getByRole("button", { name: "Import" }));

    const problems = await screen.findByRole("list", { name: "Problems" });
    expect(problems.textContent).toBe(
      "raw_copy: pipelines[1].nodes[0].type (line 9, column 13): unknown node type 'source.nope'",
    );
    expect(screen.getByText("Nothing was imported")).toBeTruthy();
  });

  it("offers to skip taken ids when an id exists", async () => {
    const { bodies, imported } = openDialog((_url, body) =>
      body.on_conflict === "skip"
        ? { status: 201, body: { created: ["fresh"], skipped: ["orders_daily"] } }
        : {
            status: 409,
            body: {
              detail: {
                error: "already_exists",
                message: "pipeline 'orders_daily' exists; send on_conflict 'skip' to keep it and import the others",
                field: "content",
              },
            },
          },
    );
    chooseFile("two.yaml", SPEC_YAML);
    await screen.findByText("two.yaml");
    fireEvent.click(screen.getByRole("button", { name: "Import" }));
    fireEvent.click(await screen.findByRole("button", { name: "Import the others, skipping taken ids" }));

    expect(await screen.findByText("Created 1 pipeline: fresh")).toBeTruthy();
    expect(screen.getByText("Skipped, as the id exists already: orders_daily")).toBeTruthy();
    expect(bodies.map((body) => body.on_conflict)).toEqual(["fail", "skip"]);
    expect(imported).toEqual([["fresh"]]);
  });

  it("converts a dag-factory file, shows what did not map, and creates on confirmation", async () => {
    const etl = { apiVersion: "aggregator/v1", id: "etl", nodes: [{ id: "extract", type: "python.callable" }] };
    const { requests, bodies, imported } = openDialog((_url, body) => ({
      status: body.create ? 201 : 200,
      body: {
        pipelines: [etl],
        invalid: [
          { dag_id: "broken", spec_text: "id: broken\n", errors: [{ path: "nodes", message: "a pipeline needs a node" }] },
        ],
        report: body.create
          ? ["dag 'etl' -> pipeline 'etl' created"]
          : ["dag 'etl' -> not created", "  not mapped: task 'notify', operator: EmailOperator"],
        created: body.create ? ["etl"] : [],
        skipped: [],
      },
    }));
    chooseFile("dags.yml", DAG_FACTORY_YAML);
    await screen.findByText("dags.yml");
    // The file is recognised as dag-factory YAML.
    expect((screen.getByRole("combobox") as HTMLSelectElement).value).toBe("dag-factory");
    fireEvent.click(screen.getByRole("button", { name: "Convert" }));

    const report = await screen.findByLabelText("Conversion report");
    expect(report.textContent).toContain("not mapped: task 'notify', operator: EmailOperator");
    expect(within(screen.getByRole("list", { name: "DAGs not converted" })).getByText("broken")).toBeTruthy();
    // Nothing is stored before the user confirms.
    expect(bodies[0]).toEqual({ content: DAG_FACTORY_YAML, create: false, on_conflict: "fail" });
    expect(imported).toEqual([]);

    fireEvent.click(screen.getByRole("button", { name: "Create 1 pipeline" }));
    expect(await screen.findByText("Created 1 pipeline: etl")).toBeTruthy();
    expect(bodies[1]).toEqual({ content: DAG_FACTORY_YAML, create: true, on_conflict: "fail" });
    expect(requests.map((url) => url.pathname)).toEqual([
      "/aggregator/api/import/dag-factory",
      "/aggregator/api/import/dag-factory",
    ]);
    expect(imported).toEqual([["etl"]]);
  });

  it("names the missing code permission when a converted DAG runs code", async () => {
    openDialog((_url, body) =>
      body.create
        ? {
            status: 403,
            body: {
              detail: {
                error: "permission_denied",
                message: "Creating code-bearing nodes (extract) needs can_edit on Aggregator Code",
                missing_permission: { action: "can_edit", resource: "Aggregator Code" },
                code_nodes: ["extract"],
              },
            },
          }
        : {
            status: 200,
            body: { pipelines: [{ id: "etl" }], invalid: [], report: ["dag 'etl' -> not created"], created: [], skipped: [] },
          },
    );
    chooseFile("dags.yml", DAG_FACTORY_YAML);
    await screen.findByText("dags.yml");
    fireEvent.click(screen.getByRole("button", { name: "Convert" }));
    fireEvent.click(await screen.findByRole("button", { name: "Create 1 pipeline" }));
    expect(await screen.findByText(/needs can_edit on Aggregator Code/)).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole("button", { name: /skipping taken ids/ })).toBeNull());
  });
});

describe("guessImportKind", () => {
  it.each([
    [SPEC_YAML, "specs"],
    ['{"pipelines": []}', "specs"],
    ["- apiVersion: aggregator/v1\n", "specs"],
    [DAG_FACTORY_YAML, "dag-factory"],
    ["base: &base {tasks: {}}\netl:\n  <<: *base\n", "dag-factory"],
    ["pipelines: [unclosed", "specs"],
  ])("reads %j as %s", (content, kind) => {
    expect(guessImportKind(content)).toBe(kind);
  });
});
