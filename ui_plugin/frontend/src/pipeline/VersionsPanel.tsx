import { Alert, Button, HStack, Spinner, Stack, Text } from "@chakra-ui/react";
import { useEffect, useRef, useState } from "react";

import type { PipelineDetail } from "../api/components";
import { diffVersions, restoreVersion, type SpecDiff } from "../api/versions";
import type { PipelineSpec } from "../spec/types";
import { DiffList } from "./DiffList";
import { type DiffMark, diffMarks } from "./diffMarks";
import { errorText } from "./errorText";
import { useVersionList } from "./useVersionList";
import { VersionTable } from "./VersionTable";

interface VersionsPanelProps {
  pipeline: PipelineDetail;
  readOnly: boolean;
  /** Called with the spec of a restored version, now the draft. */
  onSpecChange: (spec: PipelineSpec) => void;
  /** Called instead of `onSpecChange` with the server's copy after a restore, when given. */
  onRestored?: ((pipeline: PipelineDetail) => void) | undefined;
  /** Node marks of the diff shown, for the canvas; null when none is shown. */
  onDiffMarks: (marks: Record<string, DiffMark> | null) => void;
}

type Outcome =
  | { kind: "none" }
  | { kind: "busy" }
  | { kind: "failed"; message: string }
  | { kind: "done"; message: string };

/** A pipeline's versions: compare two (or one with the saved draft) and restore one as the draft. */
export function VersionsPanel({ pipeline, readOnly, onSpecChange, onRestored, onDiffMarks }: VersionsPanelProps) {
  const [rowVersion, setRowVersion] = useState(pipeline.row_version);
  const [latest, setLatest] = useState(pipeline.latest_version);
  const { state } = useVersionList(pipeline.id, latest);
  const [selected, setSelected] = useState<number[]>([]);
  const [diff, setDiff] = useState<SpecDiff | null>(null);
  const [comparing, setComparing] = useState<Outcome>({ kind: "none" });
  const [restoring, setRestoring] = useState<{ number: number | null; outcome: Outcome }>({
    number: null,
    outcome: { kind: "none" },
  });
  const marksShown = useRef(onDiffMarks);
  marksShown.current = onDiffMarks;

  useEffect(() => {
    setRowVersion((current) => Math.max(current, pipeline.row_version));
    setLatest(pipeline.latest_version);
  }, [pipeline.row_version, pipeline.latest_version]);
  useEffect(() => () => marksShown.current(null), []);

  const toggle = (number: number) =>
    setSelected((current) =>
      current.includes(number) ? current.filter((item) => item !== number) : [...current, number].slice(-2),
    );

  const compare = () => {
    const [older, newer] = [...selected].sort((a, b) => a - b);
    if (older === undefined) {
      return;
    }
    setComparing({ kind: "busy" });
    diffVersions(pipeline.id, older, newer ?? "draft").then(
      (result) => {
        setDiff(result);
        setComparing({ kind: "none" });
        onDiffMarks(diffMarks(result));
      },
      (error: unknown) => setComparing({ kind: "failed", message: errorText(error) }),
    );
  };

  const clear = () => {
    setDiff(null);
    setSelected([]);
    onDiffMarks(null);
  };

  const restore = (number: number) => {
    setRestoring({ number, outcome: { kind: "busy" } });
    restoreVersion(pipeline.id, number, rowVersion).then(
      (restored) => {
        setRowVersion(restored.row_version);
        setLatest(restored.latest_version);
        const message = `Version ${number} is the draft again, saved as version ${restored.latest_version ?? "?"}.`;
        setRestoring({ number: null, outcome: { kind: "done", message } });
        if (onRestored) {
          onRestored(restored);
        } else {
          onSpecChange(restored.draft_spec);
        }
      },
      (error: unknown) => setRestoring({ number: null, outcome: { kind: "failed", message: errorText(error) } }),
    );
  };

  if (state.kind === "loading") {
    return <Spinner size="sm" aria-label="Loading versions" />;
  }
  if (state.kind === "failed") {
    return (
      <Text color="fg.error" role="alert">
        Could not load the versions: {state.message}
      </Text>
    );
  }
  const [first, second] = [...selected].sort((a, b) => a - b);
  return (
    <Stack gap="3">
      <HStack gap="2" wrap="wrap">
        <Button size="sm" disabled={first === undefined} loading={comparing.kind === "busy"} onClick={compare}>
          {first === undefined
            ? "Select versions to compare"
            : second === undefined
              ? `Compare version ${first} with the saved draft`
              : `Compare versions ${first} and ${second}`}
        </Button>
        {diff ? (
          <Button size="sm" variant="outline" onClick={clear}>
            Clear comparison
          </Button>
        ) : null}
      </HStack>
      <OutcomeAlert outcome={comparing} />
      <OutcomeAlert outcome={restoring.outcome} />
      {diff ? <DiffList diff={diff} /> : null}
      <VersionTable
        versions={state.page.items}
        selected={selected}
        onToggle={toggle}
        onRestore={readOnly ? null : restore}
        restoring={restoring.number}
      />
    </Stack>
  );
}

function OutcomeAlert({ outcome }: { outcome: Outcome }) {
  if (outcome.kind !== "failed" && outcome.kind !== "done") {
    return null;
  }
  return (
    <Alert.Root status={outcome.kind === "failed" ? "error" : "success"}>
      <Alert.Indicator />
      <Alert.Description>{outcome.message}</Alert.Description>
    </Alert.Root>
  );
}
