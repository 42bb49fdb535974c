import { Badge, Box, Button, ButtonGroup, Heading, HStack, Input, Spinner, Text } from "@chakra-ui/react";
import type { ReactNode } from "react";

import type { ValidationState } from "./useValidation";
import { ShortcutsHelp } from "./ShortcutsHelp";

/** Props of {@link BuilderToolbar}. */
export interface BuilderToolbarProps {
  /** The pipeline's name, or its id. */
  title: string;
  /** For a pipeline not saved yet: its id, typed here (it becomes the DAG id). */
  newId?: { value: string; onChange: (id: string) => void } | undefined;
  /** Whether the spec differs from the saved one. */
  dirty: boolean;
  readOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  validation: ValidationState;
  /** Save, publish and run. */
  actions: ReactNode;
}

/** The builder's header: name, unsaved and validation state, edit buttons and pipeline actions. */
export function BuilderToolbar(props: BuilderToolbarProps) {
  const { title, newId, dirty, readOnly, validation } = props;
  return (
    <HStack justify="space-between" align="center" wrap="wrap" gap="3" px="4" py="2" borderBottomWidth="1px">
      <HStack gap="3" minWidth="0" wrap="wrap">
        {newId ? (
          <Input
            size="sm"
            width="xs"
            fontFamily="mono"
            placeholder="pipeline_id"
            aria-label="Pipeline id"
            value={newId.value}
            onChange={(event) => newId.onChange(event.target.value)}
          />
        ) : (
          <Heading size="md" truncate>
            {title}
          </Heading>
        )}
        {readOnly ? (
          <Badge colorPalette="gray" variant="subtle">
            Read only
          </Badge>
        ) : null}
        <ValidationSummary validation={validation} />
        {/* Always in the page, hidden while saved: the first edit then adds no style rule, which
            would make the browser lay out every node of a large canvas again, and moves nothing. */}
        <Badge
          colorPalette="orange"
          variant="subtle"
          role="status"
          aria-label="Unsaved changes"
          aria-hidden={!dirty}
          style={{ visibility: dirty ? "visible" : "hidden" }}
        >
          Unsaved changes
        </Badge>
      </HStack>
      <HStack gap="2" wrap="wrap">
        {readOnly ? null : (
          <>
            <ButtonGroup size="sm" variant="outline" attached>
              <Button aria-label="Undo" disabled={!props.canUndo} onClick={props.onUndo}>
                ↶ Undo
              </Button>
              <Button aria-label="Redo" disabled={!props.canRedo} onClick={props.onRedo}>
                Redo ↷
              </Button>
            </ButtonGroup>
            <Button size="sm" variant="outline" onClick={props.onLayout}>
              Auto layout
            </Button>
          </>
        )}
        <ShortcutsHelp />
        <Box>{props.actions}</Box>
      </HStack>
    </HStack>
  );
}

function ValidationSummary({ validation }: { validation: ValidationState }) {
  if (validation.checking) {
    return <Spinner size="xs" aria-label="Checking the pipeline" />;
  }
  if (validation.error) {
    return (
      <Text color="fg.warning" fontSize="sm" role="status">
        Could not check the pipeline: {validation.error.message}
      </Text>
    );
  }
  const count = validation.issues.length;
  return (
    <Badge colorPalette={count === 0 ? "green" : "red"} variant="subtle" role="status">
      {count === 0 ? "Valid" : `${count} ${count === 1 ? "problem" : "problems"}`}
    </Badge>
  );
}
