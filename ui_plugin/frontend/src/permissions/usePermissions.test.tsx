import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { fakeFetch } from "../testing/fakeApi";
import { forgetPermissions, usePermissions } from "./usePermissions";

afterEach(() => {
  cleanup();
  forgetPermissions();
});

/** Shows what the hook answers, as a page would use it. */
function Probe({ label = "probe" }: { label?: string }) {
  const { loading, can } = usePermissions();
  return (
    <p aria-label={label}>
      {loading ? "loading" : "ready"} read={String(can("can_read", "Aggregator Pipelines"))} create=
      {String(can("can_create", "Aggregator Pipelines"))} templates={String(can("can_create", "Aggregator Templates"))}
    </p>
  );
}

const VIEWER = {
  name: "viewer",
  permissions: [
    { action: "can_read", resource: "Aggregator Code" },
    { action: "can_read", resource: "Aggregator Pipelines" },
    { action: "can_read", resource: "Aggregator Templates" },
  ],
};

describe("usePermissions", () => {
  it("answers false while GET /me loads, then what it lists", async () => {
    let answered = false;
    const { requests } = fakeFetch(() => (answered ? { status: 200, body: VIEWER } : "pending"));
    const { unmount } = render(<Probe />);
    expect(screen.getByLabelText("probe").textContent).toBe("loading read=false create=false templates=false");
    unmount();
    forgetPermissions();

    answered = true;
    render(<Probe />);
    await waitFor(() =>
      expect(screen.getByLabelText("probe").textContent).toBe("ready read=true create=false templates=false"),
    );
    expect(requests.map((url) => url.pathname)).toContain("/aggregator/api/me");
  });

  it("asks once per page load, however many components ask", async () => {
    const { requests } = fakeFetch(() => ({ status: 200, body: VIEWER }));
    render(
      <>
        <Probe label="a" />
        <Probe label="b" />
      </>,
    );
    await waitFor(() => expect(screen.getByLabelText("b").textContent).toMatch(/^ready read=true/));
    render(<Probe label="c" />);
    // A component mounted later reads the cached answer at once.
    expect(screen.getByLabelText("c").textContent).toMatch(/^ready read=true/);
    expect(requests).toHaveLength(1);
  });

  it("grants nothing when GET /me fails, and asks again on the next mount", async () => {
    let failing = true;
    const { requests } = fakeFetch(() =>
      failing
        ? { status: 403, body: { detail: { error: "permission_denied", message: "no" } } }
        : { status: 200, body: { name: "op", permissions: [{ action: "can_create", resource: "Aggregator Templates" }] } },
    );
    const { unmount } = render(<Probe />);
    await waitFor(() => expect(screen.getByLabelText("probe").textContent).toBe("ready read=false create=false templates=false"));
    unmount();

    failing = false;
    render(<Probe />);
    await waitFor(() => expect(screen.getByLabelText("probe").textContent).toBe("ready read=false create=false templates=true"));
    expect(requests).toHaveLength(2);
  });
});
