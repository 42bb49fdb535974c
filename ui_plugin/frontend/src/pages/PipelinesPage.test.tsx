import { cleanup, configure, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";

import { forgetPermissions } from "../permissions/usePermissions";
import { meAs, type Role } from "../permissions/testing";
import { fakeFetch as fakeNetwork, pageOf, pipeline, type Answer } from "../testing/fakeApi";
import { location, renderPage as renderAt } from "../testing/renderPage";
import { PAGE_SIZE, PipelinesPage } from "./PipelinesPage";

// A page of 25 rows renders slowly on a busy machine; waiting longer does not hide failures.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  forgetPermissions();
});

/**
 * The network as the page sees it (fetch is faked at the browser boundary): GET /me answers
 * for `role`, every other request as `answer` says. Only the requests for pipelines are
 * returned, as the tests check those.
 */
function fakeFetch(answer: (url: URL) => Answer, role: Role = "Viewer") {
  const requests: URL[] = [];
  const inits: RequestInit[] = [];
  const seen = fakeNetwork((url) => {
    if (url.pathname.endsWith("/me")) {
      return { status: 200, body: meAs(role) };
    }
    if (url.pathname === "/aggregator/api/pipelines") {
      requests.push(url);
      inits.push(seen.inits[seen.inits.length - 1] as RequestInit);
    }
    return answer(url);
  });
  return { requests, inits, all: seen };
}

/** The page where Airflow mounts it, so its relative links resolve under /plugin/pipelines. */
function renderPage(page: React.ReactElement, at = "/plugin/pipelines") {
  return renderAt(
    <Routes>
      <Route path="/plugin/pipelines/*" element={page} />
    </Routes>,
    at,
  );
}

const many = Array.from({ length: 60 }, (_, index) => pipeline(`p_${String(index).padStart(2, "0")}`));

function rows(): HTMLElement[] {
  return screen.getAllByRole("row").filter((row) => row.hasAttribute("data-pipeline-id"));
}

describe("PipelinesPage", () => {
  it("lists pipelines with name, owner, tags, status, published version, runs and update time", async () => {
    const { requests, inits } = fakeFetch((url) => ({
      status: 200,
      body: pageOf(
        [
          pipeline("orders_daily", {
            name: "Daily orders",
            owner: "sales",
            tags: ["sales", "daily"],
            status: "published",
            published_version: 3,
            dag: {
              is_paused: false,
              last_run_state: "failed",
              last_run_at: "2026-11-26T00:00:00Z",
              next_run_at: "2026-11-28T00:00:00Z",
            },
          }),
          pipeline("raw_copy"),
          pipeline("paused_copy", {
            published_version: 1,
            dag: { is_paused: true, last_run_state: null, last_run_at: null, next_run_at: null },
          }),
        ],
        url,
      ),
    }));
    renderPage(<PipelinesPage />);

    const first = await screen.findByText("Daily orders");
    const row = first.closest("tr") as HTMLElement;
    expect(within(row).getByText("orders_daily")).toBeTruthy();
    expect(within(row).getByText("sales", { selector: "span" })).toBeTruthy();
    expect(within(row).getByText("daily")).toBeTruthy();
    expect(within(row).getByText("published")).toBeTruthy();
    expect(within(row).getByText("version 3")).toBeTruthy();
    expect(within(row).getByText("failed")).toBeTruthy();
    const times = within(row)
      .getAllByText((_, element) => element?.tagName === "TIME")
      .map((time) => time.getAttribute("dateTime"));
    // Last run, next run, last update.
    expect(times).toEqual(["2026-11-26T00:00:00Z", "2026-11-28T00:00:00Z", "2026-11-20T10:30:00Z"]);
    // Without a name the id is the title; never published, never run: nothing to show.
    const second = rows()[1] as HTMLElement;
    expect(within(second).getByText("raw_copy")).toBeTruthy();
    expect(within(second).getAllByLabelText("none")).toHaveLength(3);
    // A paused DAG has no next run.
    const third = rows()[2] as HTMLElement;
    expect(within(third).getByText("version 1")).toBeTruthy();
    expect(within(third).getByText("paused")).toBeTruthy();

    expect(requests).toHaveLength(1);
    expect(requests[0]?.pathname).toBe("/aggregator/api/pipelines");
    expect(requests[0]?.searchParams.get("limit")).toBe(String(PAGE_SIZE));
    expect(requests[0]?.searchParams.get("offset")).toBe("0");
    // Airflow's session cookie signs the request, as for Airflow's own UI.
    expect(inits[0]?.credentials).toBe("same-origin");
    expect(screen.getByText("1–3 of 3")).toBeTruthy();
  });

  it("shows a spinner while the list loads", async () => {
    fakeFetch(() => "pending");
    renderPage(<PipelinesPage />);
    expect(await screen.findByLabelText("Loading pipelines")).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("says there are no pipelines yet when the list is empty", async () => {
    fakeFetch((url) => ({ status: 200, body: pageOf([], url) }));
    renderPage(<PipelinesPage />);
    expect(await screen.findByText("No pipelines yet")).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("searches once typing settles, from the first page, and keeps the term in the address", async () => {
    const { requests } = fakeFetch((url) => {
      const term = url.searchParams.get("search");
      return { status: 200, body: pageOf(term ? many.filter((p) => p.id.includes(term)) : many, url) };
    });
    renderPage(<PipelinesPage />, "/plugin/pipelines?offset=25");
    await screen.findByText("p_25");

    const box = screen.getByLabelText("Search pipelines");
    fireEvent.change(box, { target: { value: "p_5" } });
    fireEvent.change(box, { target: { value: "p_59" } });

    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.getByText("p_59")).toBeTruthy();
    const searches = requests.filter((url) => url.searchParams.has("search"));
    expect(searches.map((url) => url.searchParams.get("search"))).toEqual(["p_59"]);
    expect(searches[0]?.searchParams.get("offset")).toBe("0");
    expect(location.current).toBe("/plugin/pipelines?search=p_59");
  });

  it("tells a search that matches nothing apart from an empty list", async () => {
    fakeFetch((url) => ({ status: 200, body: pageOf([], url) }));
    renderPage(<PipelinesPage />, "/plugin/pipelines?search=nothing");
    expect(await screen.findByText("No pipeline matches")).toBeTruthy();
  });

  it("pages forward and back", async () => {
    const { requests } = fakeFetch((url) => ({ status: 200, body: pageOf(many, url) }));
    renderPage(<PipelinesPage />);
    await screen.findByText("p_00");
    const previous = screen.getByRole("button", { name: "Previous" }) as HTMLButtonElement;
    expect(previous.disabled).toBe(true);

    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    await screen.findByText("p_25");
    expect(screen.getByText("26–50 of 60")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    await screen.findByText("p_50");
    expect(rows()).toHaveLength(10);
    expect((screen.getByRole("button", { name: "Next" }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole("button", { name: "Previous" }));
    await screen.findByText("p_25");
    expect(requests.map((url) => url.searchParams.get("offset"))).toEqual(["0", "25", "50", "25"]);
    expect(location.current).toBe("/plugin/pipelines?offset=25");
  });

  it("sorts by a column, then reverses it", async () => {
    const { requests } = fakeFetch((url) => ({ status: 200, body: pageOf(many, url) }));
    renderPage(<PipelinesPage />);
    await screen.findByText("p_00");

    fireEvent.click(screen.getByRole("button", { name: "Updated" }));
    await waitFor(() => expect(requests).toHaveLength(2));
    fireEvent.click(screen.getByRole("button", { name: /Updated/ }));
    await waitFor(() => expect(requests).toHaveLength(3));

    expect(requests[1]?.searchParams.get("sort")).toBe("updated");
    expect(requests[1]?.searchParams.has("descending")).toBe(false);
    expect(requests[2]?.searchParams.get("sort")).toBe("updated");
    expect(requests[2]?.searchParams.get("descending")).toBe("true");
    const header = screen.getByRole("button", { name: /Updated/ }).closest("th") as HTMLElement;
    await waitFor(() => expect(header.getAttribute("aria-sort")).toBe("descending"));
  });

  it("names the missing permission when the API answers 403", async () => {
    fakeFetch(() => ({
      status: 403,
      body: {
        detail: {
          error: "permission_denied",
          message: "This needs the permission can_read on Aggregator Pipelines.",
          missing_permission: { action: "can_read", resource: "Aggregator Pipelines" },
        },
      },
    }));
    renderPage(<PipelinesPage />);
    expect(await screen.findByText(/You need can_read on Aggregator Pipelines/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Retry" })).toBeNull();
  });

  it("asks to sign in again when the API answers 401", async () => {
    fakeFetch(() => ({ status: 401, body: { detail: { error: "not_authenticated", message: "Not authenticated" } } }));
    renderPage(<PipelinesPage />);
    expect(await screen.findByText(/Sign in again to see pipelines/)).toBeTruthy();
  });

  it("shows the API's message on other errors and retries on demand", async () => {
    let failing = true;
    const { requests } = fakeFetch((url) =>
      failing
        ? { status: 422, body: { detail: { error: "invalid_input", message: "limit must be between 1 and 500", field: "limit" } } }
        : { status: 200, body: pageOf([pipeline("back_again")], url) },
    );
    renderPage(<PipelinesPage />);
    expect(await screen.findByText("limit must be between 1 and 500")).toBeTruthy();

    failing = false;
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByText("back_again")).toBeTruthy();
    expect(requests).toHaveLength(2);
  });

  it("says when the API cannot be reached", async () => {
    fakeFetch(() => "network-error");
    renderPage(<PipelinesPage />);
    expect(await screen.findByText(/could not be reached/)).toBeTruthy();
  });
});

describe("PipelinesPage actions", () => {
  const two = [pipeline("orders_daily", { name: "Daily orders", row_version: 3 }), pipeline("raw_copy", { row_version: 7 })];

  it("links each row to its builder, and offers New and Import to users who may create", async () => {
    fakeFetch((url) => ({ status: 200, body: pageOf(two, url) }), "User");
    renderPage(<PipelinesPage />);
    const link = await screen.findByRole("link", { name: "Daily orders" });
    expect(link.getAttribute("href")).toBe("/plugin/pipelines/orders_daily");
    expect((await screen.findByRole("link", { name: "New pipeline" })).getAttribute("href")).toBe("/plugin/pipelines/new");
    expect(screen.getByRole("button", { name: "Import" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Templates" }).getAttribute("href")).toBe("/plugin/pipelines/templates");
  });

  it("offers a Viewer neither New nor Import nor Delete", async () => {
    fakeFetch((url) => ({ status: 200, body: pageOf(two, url) }), "Viewer");
    renderPage(<PipelinesPage />);
    await screen.findByText("Daily orders");
    fireEvent.click(screen.getByRole("checkbox", { name: "Select raw_copy" }));
    const bar = await screen.findByRole("toolbar", { name: "Selected pipelines" });
    expect(within(bar).getByRole("button", { name: "Export" })).toBeTruthy();
    expect(within(bar).queryByRole("button", { name: "Delete" })).toBeNull();
    expect(screen.queryByRole("link", { name: "New pipeline" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Import" })).toBeNull();
  });

  it("offers templates when there is no pipeline yet", async () => {
    fakeFetch((url) => ({ status: 200, body: pageOf([], url) }), "User");
    renderPage(<PipelinesPage />);
    const browse = await screen.findByRole("link", { name: "Browse templates" });
    expect(browse.getAttribute("href")).toBe("/plugin/pipelines/templates");
    expect((await screen.findByRole("link", { name: "Start from scratch" })).getAttribute("href")).toBe(
      "/plugin/pipelines/new",
    );
  });

  it("exports the selected pipelines as one downloaded file", async () => {
    const exported = {
      pipelines: [
        { apiVersion: "aggregator/v1", id: "orders_daily", nodes: [] },
        { apiVersion: "aggregator/v1", id: "raw_copy", nodes: [] },
      ],
    };
    const { all } = fakeFetch((url) =>
      url.pathname.endsWith("/export") ? { status: 200, body: exported } : { status: 200, body: pageOf(two, url) },
    );
    // The browser's download machinery: the file handed to it is what the user gets.
    const blobs: Blob[] = [];
    const names: string[] = [];
    vi.spyOn(URL, "createObjectURL").mockImplementation((blob: Blob | MediaSource) => {
      blobs.push(blob as Blob);
      return "blob:export";
    });
    vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => undefined);
    const download = (event: MouseEvent) => {
      const link = event.target;
      if (link instanceof HTMLAnchorElement && link.download) {
        names.push(link.download);
        event.preventDefault();
      }
    };
    document.addEventListener("click", download, true);
    renderPage(<PipelinesPage />);
    await screen.findByText("Daily orders");

    fireEvent.click(screen.getByRole("checkbox", { name: "Select all pipelines on this page" }));
    fireEvent.change(await screen.findByLabelText("Export format"), { target: { value: "json" } });
    fireEvent.click(screen.getByRole("button", { name: "Export" }));

    await waitFor(() => expect(blobs).toHaveLength(1));
    const index = all.requests.findIndex((url) => url.pathname === "/aggregator/api/export");
    expect(all.inits[index]?.method).toBe("POST");
    expect(JSON.parse(String(all.inits[index]?.body))).toEqual({ ids: ["orders_daily", "raw_copy"], format: "json" });
    expect(JSON.parse(await (blobs[0] as Blob).text())).toEqual(exported);
    expect(names).toEqual(["pipelines.json"]);
    document.removeEventListener("click", download, true);
  });

  it("says why an export failed", async () => {
    fakeFetch((url) =>
      url.pathname.endsWith("/export")
        ? { status: 404, body: { detail: { error: "not_found", message: "no pipeline 'raw_copy'", field: "ids[1]" } } }
        : { status: 200, body: pageOf(two, url) },
    );
    renderPage(<PipelinesPage />);
    await screen.findByText("Daily orders");
    fireEvent.click(screen.getByRole("checkbox", { name: "Select raw_copy" }));
    fireEvent.click(await screen.findByRole("button", { name: "Export" }));
    expect(await screen.findByText("Export failed: no pipeline 'raw_copy'")).toBeTruthy();
  });

  it("deletes the selected pipelines after confirmation, showing which could not be deleted", async () => {
    let listed = two;
    const { all } = fakeFetch((url) => {
      if (url.pathname === "/aggregator/api/pipelines/orders_daily") {
        listed = listed.filter((p) => p.id !== "orders_daily");
        return { status: 204, body: null };
      }
      if (url.pathname === "/aggregator/api/pipelines/raw_copy") {
        if (url.searchParams.get("row_version") === "8") {
          listed = [];
          return { status: 204, body: null };
        }
        // Someone else saved raw_copy since it was listed.
        listed = [pipeline("raw_copy", { row_version: 8 })];
        return {
          status: 409,
          body: {
            detail: {
              error: "stale_row_version",
              message: "pipeline 'raw_copy' changed since you read it (row_version 8, not 7)",
              field: "row_version",
              current_row_version: 8,
            },
          },
        };
      }
      return { status: 200, body: pageOf(listed, url) };
    }, "Admin");
    renderPage(<PipelinesPage />);
    await screen.findByText("Daily orders");
    fireEvent.click(screen.getByRole("checkbox", { name: "Select all pipelines on this page" }));
    fireEvent.click(await screen.findByRole("button", { name: "Delete" }));

    const dialog = await screen.findByRole("dialog", { name: "Delete 2 pipelines?" });
    // Nothing is deleted before the user confirms.
    expect(all.requests.filter((url) => url.pathname.startsWith("/aggregator/api/pipelines/"))).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete" }));

    expect(await within(dialog).findByText(/not deleted: pipeline 'raw_copy' changed/)).toBeTruthy();
    expect(within(dialog).getByText("deleted")).toBeTruthy();
    const deletes = all.requests
      .map((url, index) => ({ url, init: all.inits[index] }))
      .filter(({ init }) => init?.method === "DELETE");
    expect(deletes.map(({ url }) => `${url.pathname}?${url.searchParams}`)).toEqual([
      "/aggregator/api/pipelines/orders_daily?row_version=3",
      "/aggregator/api/pipelines/raw_copy?row_version=7",
    ]);

    fireEvent.click(within(dialog).getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.queryByText("Daily orders")).toBeNull());
    // The dialog may still be leaving the page; its Delete button must be gone first.
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    // The one that failed stays selected, with its reason in its row.
    const row = rows()[0] as HTMLElement;
    expect(row.getAttribute("data-pipeline-id")).toBe("raw_copy");
    expect(within(row).getByRole("alert").textContent).toMatch(/Not deleted: pipeline 'raw_copy' changed/);
    expect(screen.getByText("1 selected")).toBeTruthy();

    // The reloaded list has raw_copy's new row_version: deleting it again succeeds.
    fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    const again = await screen.findByRole("dialog", { name: "Delete 1 pipeline?" });
    fireEvent.click(within(again).getByRole("button", { name: "Delete" }));
    expect(await within(again).findByText("deleted")).toBeTruthy();
    const last = all.requests.filter((_, index) => all.inits[index]?.method === "DELETE").at(-1);
    expect(last?.searchParams.get("row_version")).toBe("8");
  });
});
