import { ChakraProvider, defaultSystem } from "@chakra-ui/react";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { ApiError } from "../api/client";
import { BuilderToolbar, type BuilderToolbarProps } from "./BuilderToolbar";
import type { ValidationState } from "./useValidation";

afterEach(cleanup);

const checked = (fields: Partial<ValidationState> = {}): ValidationState => ({
  issues: [],
  byNode: {},
  general: [],
  checking: false,
  error: null,
  ...fields,
});

function renderToolbar(props: Partial<BuilderToolbarProps> = {}) {
  const handlers = { onUndo: vi.fn(), onRedo: vi.fn(), onLayout: vi.fn() };
  render(
    <ChakraProvider value={defaultSystem}>
      <BuilderToolbar
        title="Daily orders"
        dirty={false}
        readOnly={false}
        canUndo
        canRedo={false}
        validation={checked()}
        actions={<button type="button">Save</button>}
        {...handlers}
        {...props}
      />
    </ChakraProvider>,
  );
  return handlers;
}

describe("BuilderToolbar", () => {
  it("runs undo and layout, and disables redo with nothing to redo", () => {
    const handlers = renderToolbar();
    fireEvent.click(screen.getByRole("button", { name: "Undo" }));
    fireEvent.click(screen.getByRole("button", { name: "Auto layout" }));
    expect(handlers.onUndo).toHaveBeenCalledTimes(1);
    expect(handlers.onLayout).toHaveBeenCalledTimes(1);
    expect((screen.getByRole("button", { name: "Redo" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole("button", { name: "Save" })).toBeTruthy();
  });

  it.each([
    ["valid", checked(), "Valid"],
    ["with problems", checked({ issues: [{ path: "id", message: "x", line: null, column: null }] }), "1 problem"],
    ["unreachable", checked({ error: new ApiError(0, "The aggregator API could not be reached.") }), /Could not check/],
  ])("says whether the pipeline is valid: %s", (_, validation, text) => {
    renderToolbar({ validation });
    expect(screen.getByRole("status").textContent).toMatch(text);
  });

  it("shows a spinner while checking, and the unsaved badge", () => {
    renderToolbar({ validation: checked({ checking: true }), dirty: true });
    expect(screen.getByLabelText("Checking the pipeline")).toBeTruthy();
    expect(screen.getByRole("status", { name: "Unsaved changes" })).toBeTruthy();
  });

  it("keeps the unsaved badge in place but hidden while nothing is unsaved", () => {
    renderToolbar({ dirty: false });
    expect(screen.queryByRole("status", { name: "Unsaved changes" })).toBeNull();
    expect(screen.getByText("Unsaved changes").style.visibility).toBe("hidden");
  });

  it("takes the id of a new pipeline", () => {
    const onChange = vi.fn();
    renderToolbar({ newId: { value: "", onChange } });
    fireEvent.change(screen.getByLabelText("Pipeline id"), { target: { value: "fresh" } });
    expect(onChange).toHaveBeenCalledWith("fresh");
    expect(screen.queryByRole("heading")).toBeNull();
  });

  it("lists the keyboard shortcuts on demand", async () => {
    renderToolbar({ readOnly: true });
    expect(screen.queryByRole("button", { name: "Undo" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Keyboard shortcuts" }));
    expect(await screen.findByText("Copy the selected nodes")).toBeTruthy();
    expect(screen.getByText("Ctrl/⌘ + Z")).toBeTruthy();
  });
});
