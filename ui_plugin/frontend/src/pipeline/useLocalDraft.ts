import { useCallback, useEffect, useState } from "react";

import type { PipelineDetail } from "../api/components";
import type { PipelineSpec } from "../spec/types";
import { forgetLocalDraft, type LocalDraft, readLocalDraft, writeLocalDraft } from "./localDraft";
import { sameSpec } from "./specIdentity";

/** What {@link useLocalDraft} offers the page. */
export interface LocalDraftState {
  /** An unsaved spec found when the page opened, newer than the server's and different from it. */
  offered: LocalDraft | null;
  /** Take the offered spec back (the caller puts it into the editor); returns it. */
  restore: () => PipelineSpec | null;
  /** Drop the offered spec; the current one is kept from now on. */
  discard: () => void;
}

interface Opening {
  key: string;
  spec: PipelineSpec;
  offered: LocalDraft | null;
}

/**
 * Keep the unsaved spec of a pipeline in the browser's localStorage on every change, so a
 * closed tab or a failed save loses nothing, and offer it back when the page opens again.
 *
 * `pipeline` is the server's copy (null while loading or for a pipeline not saved yet): the
 * spec is kept while it differs from the server's draft and forgotten once they match (after a
 * save). Without it, only a change from the spec the page opened with is kept. While an offer is
 * open the stored spec stays as it is, so deciding later loses neither.
 */
export function useLocalDraft(
  pipelineId: string | null,
  spec: PipelineSpec,
  pipeline?: PipelineDetail | null,
): LocalDraftState {
  const key = `${pipelineId ?? ""}\u0000${pipeline ? "server" : "local"}`;
  const [opening, setOpening] = useState<Opening>(() => open(key, pipelineId, spec, pipeline));
  if (opening.key !== key) {
    setOpening(open(key, pipelineId, spec, pipeline));
  }
  const { offered } = opening;

  useEffect(() => {
    if (offered || opening.key !== key) {
      return;
    }
    if (pipeline && sameSpec(spec, pipeline.draft_spec)) {
      forgetLocalDraft(pipelineId);
    } else if (pipeline || !sameSpec(spec, opening.spec)) {
      writeLocalDraft(pipelineId, spec);
    }
  }, [key, pipelineId, spec, pipeline, opening, offered]);

  const restore = useCallback(() => {
    setOpening((current) => ({ ...current, offered: null }));
    return offered?.spec ?? null;
  }, [offered]);
  const discard = useCallback(() => setOpening((current) => ({ ...current, offered: null })), []);
  return { offered, restore, discard };
}

function open(
  key: string,
  pipelineId: string | null,
  spec: PipelineSpec,
  pipeline: PipelineDetail | null | undefined,
): Opening {
  const stored = readLocalDraft(pipelineId);
  const server = pipeline ? pipeline.draft_spec : spec;
  const newer = stored !== null && (!pipeline || Date.parse(stored.savedAt) > Date.parse(pipeline.updated_at));
  return { key, spec, offered: stored && newer && !sameSpec(stored.spec, server) ? stored : null };
}
