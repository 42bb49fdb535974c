import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { fakeFetch } from "../testing/fakeApi";
import { renderPage } from "../testing/renderPage";
import { PausedNotice } from "./PausedNotice";

// fetch is faked at the network boundary: Airflow's PATCH /api/v2/dags/{id} answers 200.

afterEach(cleanup);

describe("PausedNotice", () => {
  it("turns every notice of the same DAG on the page to unpaused, and no other", async () => {
    const { requests } = fakeFetch((url) => ({
      status: 200,
      body: { dag_id: url.pathname.split("/").pop(), is_paused: false },
    }));
    renderPage(
      <>
        <section aria-label="publish">
          <PausedNotice dagId="orders_daily" />
        </section>
        <section aria-label="run">
          <PausedNotice dagId="orders_daily" />
        </section>
        <section aria-label="other">
          <PausedNotice dagId="customers_hourly" />
        </section>
      </>,
    );

    fireEvent.click(within(screen.getByRole("region", { name: "publish" })).getByRole("button", { name: "Unpause" }));

    const run = screen.getByRole("region", { name: "run" });
    expect((await within(run).findByRole("status")).textContent).toContain("orders_daily is unpaused");
    expect(within(screen.getByRole("region", { name: "publish" })).getByRole("status").textContent).toContain(
      "orders_daily is unpaused",
    );
    const other = screen.getByRole("region", { name: "other" });
    expect(within(other).getByRole("button", { name: "Unpause" })).toBeTruthy();
    expect(requests.map((url) => url.pathname)).toEqual(["/api/v2/dags/orders_daily"]);
  });
});
