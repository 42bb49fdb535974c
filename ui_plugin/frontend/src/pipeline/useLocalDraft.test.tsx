import { act, cleanup, fireEvent, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";

import type { PipelineDetail } from "../api/components";
import type { PipelineSpec } from "../spec/types";
import { renderPage } from "../testing/renderPage";
import { LocalDraftOffer } from "./LocalDraftOffer";
import { localDraftKey } from "./localDraft";
import { pipelineDetail, twoNodeSpec } from "./testing/fakeRoutes";
import { useLocalDraft } from "./useLocalDraft";

// No network here: the hook talks to the browser's real localStorage (happy-dom's).

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

const server = pipelineDetail(twoNodeSpec(), { updated_at: "2026-11-20T10:30:00Z" });
const renamed = (name: string): PipelineSpec => twoNodeSpec("orders_daily", { name });

/** A page that edits a spec the way the builder does, with the hook and its offer. */
function Editor({ pipeline }: { pipeline: PipelineDetail | null }) {
  const [spec, setSpec] = useState<PipelineSpec>(pipeline?.draft_spec ?? twoNodeSpec("new_one"));
  const draft = useLocalDraft(pipeline?.id ?? null, spec, pipeline);
  return (
    <>
      <LocalDraftOffer
        draft={draft.offered}
        onRestore={() => {
          const restored = draft.restore();
          if (restored) {
            setSpec(restored);
          }
        }}
        onDiscard={draft.discard}
      />
      <output aria-label="name">{spec.name ?? ""}</output>
      <button onClick={() => setSpec(renamed(`edit ${Math.random()}`))}>edit</button>
      <button onClick={() => setSpec(renamed("kept"))}>edit kept</button>
    </>
  );
}

function stored(id: string | null): { spec: PipelineSpec; savedAt: string } | null {
  const text = window.localStorage.getItem(localDraftKey(id));
  return text ? JSON.parse(text) : null;
}

describe("useLocalDraft", () => {
  it("keeps every unsaved change and offers it back when the page opens again", () => {
    renderPage(<Editor pipeline={server} />);
    expect(stored("orders_daily")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "edit" }));
    fireEvent.click(screen.getByRole("button", { name: "edit kept" }));
    expect(stored("orders_daily")?.spec.name).toBe("kept");

    // The tab is closed and opened again: the server still has the old draft.
    cleanup();
    renderPage(<Editor pipeline={server} />);
    expect(screen.getByText("Unsaved changes found")).toBeTruthy();
    expect(screen.getByLabelText("name").textContent).toBe("");
    // Deciding later loses nothing: the stored edit stays until then.
    expect(stored("orders_daily")?.spec.name).toBe("kept");

    fireEvent.click(screen.getByRole("button", { name: "Restore my changes" }));
    expect(screen.getByLabelText("name").textContent).toBe("kept");
    expect(screen.queryByText("Unsaved changes found")).toBeNull();
    expect(stored("orders_daily")?.spec.name).toBe("kept");
  });

  it("forgets the kept change once the server holds it", () => {
    const { rerender } = renderPage(<Editor pipeline={server} />);
    fireEvent.click(screen.getByRole("button", { name: "edit kept" }));
    expect(stored("orders_daily")).not.toBeNull();

    // After a save the page holds the server's copy of the same spec.
    const later = new Date(Date.now() + 1000).toISOString();
    const saved = pipelineDetail(renamed("kept"), { row_version: 2, updated_at: later });
    act(() => {
      rerender(<Editor pipeline={saved} />);
    });
    expect(stored("orders_daily")).toBeNull();
  });

  it("offers nothing when the server's draft is newer than the kept one", () => {
    window.localStorage.setItem(
      localDraftKey("orders_daily"),
      JSON.stringify({ spec: renamed("old edit"), savedAt: "2026-11-20T09:00:00Z" }),
    );
    renderPage(<Editor pipeline={server} />);
    expect(screen.queryByText("Unsaved changes found")).toBeNull();
  });

  it("keeps a new pipeline's edits under its own key, leaving the opening spec alone", () => {
    renderPage(<Editor pipeline={null} />);
    expect(stored(null)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "edit kept" }));
    expect(stored(null)?.spec.name).toBe("kept");
    expect(stored("orders_daily")).toBeNull();
  });

  it("drops the offer when discarded and keeps the current spec from then on", () => {
    window.localStorage.setItem(
      localDraftKey("orders_daily"),
      JSON.stringify({ spec: renamed("from yesterday"), savedAt: "2026-11-26T09:00:00Z" }),
    );
    renderPage(<Editor pipeline={server} />);
    fireEvent.click(screen.getByRole("button", { name: "Discard them" }));
    expect(screen.queryByText("Unsaved changes found")).toBeNull();
    expect(stored("orders_daily")).toBeNull();
  });
});
