import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { fakeFetch, pageOf, pipeline } from "../testing/fakeApi";
import { location, renderPage } from "../testing/renderPage";
import { PAGE_SIZE, PipelinesPage } from "./PipelinesPage";

afterEach(cleanup);

const many = Array.from({ length: 60 }, (_, index) => pipeline(`p_${String(index).padStart(2, "0")}`));

function rows(): HTMLElement[] {
  return screen.getAllByRole("row").filter((row) => row.hasAttribute("data-pipeline-id"));
}

describe("PipelinesPage", () => {
  it("lists pipelines with name, owner, tags, status and update time", async () => {
    const { requests, inits } = fakeFetch((url) => ({
      status: 200,
      body: pageOf(
        [
          pipeline("orders_daily", { name: "Daily orders", owner: "sales", tags: ["sales", "daily"], status: "published" }),
          pipeline("raw_copy"),
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
    expect(within(row).getByText((_, element) => element?.tagName === "TIME").getAttribute("dateTime")).toBe(
      "2026-11-20T10:30:00Z",
    );
    // Without a name the id is the title.
    expect(within(rows()[1] as HTMLElement).getByText("raw_copy")).toBeTruthy();

    expect(requests).toHaveLength(1);
    expect(requests[0]?.pathname).toBe("/aggregator/api/pipelines");
    expect(requests[0]?.searchParams.get("limit")).toBe(String(PAGE_SIZE));
    expect(requests[0]?.searchParams.get("offset")).toBe("0");
    // Airflow's session cookie signs the request, as for Airflow's own UI.
    expect(inits[0]?.credentials).toBe("same-origin");
    expect(screen.getByText("1–2 of 2")).toBeTruthy();
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
