import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";

import { fakePanelApi, renderPanel } from "../testing/panelHarness";

// The network is faked at `fetch`. A file of its own: the catalogue, once loaded, is kept per page.
afterEach(cleanup);

it("says why the functions could not be loaded and loads them on retry", async () => {
  let failing = true;
  const { requests } = fakePanelApi((url) =>
    failing && url.pathname.endsWith("/catalogue")
      ? { status: 500, body: { detail: { error: "internal", message: "the registry could not be read" } } }
      : undefined,
  );
  renderPanel({ id: "big", type: "transform.filter", config: { where: "a > 1" } });
  fireEvent.click(screen.getByRole("button", { name: "Functions for Where" }));
  expect(await screen.findByText("Could not load the functions: the registry could not be read")).toBeTruthy();

  failing = false;
  fireEvent.click(screen.getByRole("button", { name: "Retry" }));
  const list = await screen.findByRole("list", { name: "Functions" });
  expect(within(list).getByText("to_bool(value) -> bool")).toBeTruthy();
  expect(requests.filter((url) => url.pathname.endsWith("/catalogue"))).toHaveLength(2);
});
