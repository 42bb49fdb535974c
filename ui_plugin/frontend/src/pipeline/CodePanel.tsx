import { Alert, Button, Stack, Textarea } from "@chakra-ui/react";
import { useEffect, useMemo, useRef, useState } from "react";

import { useDebouncedValue } from "../pages/useDebouncedValue";
import type { PipelineSpec } from "../spec/types";
import { SpecProblems } from "./SpecProblems";
import { canonicalSpec } from "./specIdentity";
import { useSpecValidation } from "./useSpecValidation";
import { lineOffset, specToYaml, type TextProblem, yamlToSpec } from "./yamlText";

/** How long typing must pause before the text is applied to the pipeline. */
export const CODE_APPLY_DELAY_MS = 400;

interface CodePanelProps {
  spec: PipelineSpec;
  readOnly: boolean;
  /** Called with the spec the text holds, once typing pauses and the text is a spec. */
  onSpecChange: (spec: PipelineSpec) => void;
}

/**
 * The spec as editable YAML, in step with the canvas both ways: valid text updates the pipeline,
 * a change made elsewhere rewrites the text. Broken text never overwrites the pipeline, and a
 * change made elsewhere while the text is broken or being typed asks before replacing it.
 */
export function CodePanel({ spec, readOnly, onSpecChange }: CodePanelProps) {
  const [text, setText] = useState(() => specToYaml(spec));
  const [outdated, setOutdated] = useState(false);
  // The spec the text was last made from or applied as: a spec prop equal to it is no change.
  const synced = useRef({ canonical: canonicalSpec(spec), text });
  const area = useRef<HTMLTextAreaElement>(null);

  const settled = useDebouncedValue(text, CODE_APPLY_DELAY_MS);
  // A pipeline changed on the canvas is written out once the changes pause, not on every
  // keystroke or drop: writing a large spec as YAML takes a while.
  const quietSpec = useDebouncedValue(spec, CODE_APPLY_DELAY_MS);
  // Text written from the pipeline is the pipeline: nothing to parse back. Whether it was is
  // decided when the text settles; a rewrite that follows does not make older text typed.
  const parsed = useMemo(() => (settled === synced.current.text ? null : yamlToSpec(settled)), [settled]);
  const problem: TextProblem | null = parsed && "problem" in parsed ? parsed.problem : null;
  const validation = useSpecValidation(problem ? null : settled);

  useEffect(() => {
    if (!parsed || !("spec" in parsed) || settled !== text) {
      return;
    }
    const canonical = canonicalSpec(parsed.spec);
    synced.current = { canonical, text: settled };
    if (canonical !== canonicalSpec(spec)) {
      onSpecChange(parsed.spec);
    }
    // Applied once per settled text; the spec prop is compared, not watched.
  }, [settled]);

  useEffect(() => {
    const canonical = canonicalSpec(quietSpec);
    if (canonical === synced.current.canonical) {
      return;
    }
    if (text !== synced.current.text) {
      setOutdated(true);
      return;
    }
    replaceText(quietSpec);
    // Only a spec changed elsewhere rewrites the text.
  }, [quietSpec]);

  const replaceText = (next: PipelineSpec) => {
    const yaml = specToYaml(next);
    synced.current = { canonical: canonicalSpec(next), text: yaml };
    setText(yaml);
    setOutdated(false);
  };

  const goToLine = (line: number, column: number) => {
    const element = area.current;
    if (element) {
      const offset = lineOffset(text, line) + column - 1;
      element.focus();
      element.setSelectionRange(offset, offset);
    }
  };

  return (
    <Stack gap="2">
      {outdated ? (
        <Alert.Root status="warning" aria-label="Pipeline changed elsewhere">
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Description>
              The pipeline changed on the canvas while this text was being edited. The text is kept as typed.
            </Alert.Description>
          </Alert.Content>
          <Button size="xs" variant="outline" alignSelf="center" onClick={() => replaceText(spec)}>
            Replace the text with the pipeline
          </Button>
        </Alert.Root>
      ) : null}
      <Textarea
        ref={area}
        aria-label="Pipeline spec (YAML)"
        value={text}
        readOnly={readOnly}
        onChange={(event) => setText(event.target.value)}
        fontFamily="mono"
        fontSize="sm"
        minH="sm"
        spellCheck={false}
        autoresize
        aria-invalid={problem !== null}
      />
      <SpecProblems textProblem={settled === text ? problem : null} validation={validation} onGoToLine={goToLine} />
    </Stack>
  );
}
