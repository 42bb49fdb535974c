import { Box, Button, Code, Field, IconButton, Input, Popover, Portal, Spinner, Stack, Text } from "@chakra-ui/react";
import { useState } from "react";

import type { ExpressionFunction } from "../../api/catalogue";
import { useCatalogue } from "./useCatalogue";

/** Props of {@link FunctionHelp}. */
export interface FunctionHelpProps {
  /** The field the help is for, to name the button. */
  label: string;
  /** Insert `name(` into the expression; absent when the form is read-only. */
  onInsert?: ((text: string) => void) | undefined;
}

/** A button opening the list of expression functions (signature, description, example), searchable. */
export function FunctionHelp({ label, onInsert }: FunctionHelpProps) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const { state, retry } = useCatalogue(open);
  return (
    <Popover.Root open={open} onOpenChange={(details) => setOpen(details.open)} lazyMount>
      <Popover.Trigger asChild>
        <IconButton size="sm" variant="outline" aria-label={`Functions for ${label}`} fontFamily="mono">
          ƒx
        </IconButton>
      </Popover.Trigger>
      <Portal>
        <Popover.Positioner>
          <Popover.Content width="md" maxHeight="md" overflowY="auto">
            <Popover.Body>
              <Stack gap="3">
                <Popover.Title fontWeight="semibold">Expression functions</Popover.Title>
                {/* A field of its own: the popover may sit inside the expression's field. */}
                <Field.Root>
                  <Input
                    size="sm"
                    type="search"
                    aria-label="Find a function"
                    placeholder="Find a function"
                    value={search}
                    onChange={(event) => setSearch(event.target.value)}
                  />
                </Field.Root>
                {state.kind === "loading" ? <Spinner size="sm" aria-label="Loading functions" /> : null}
                {state.kind === "failed" ? (
                  <Box role="alert" color="fg.error" fontSize="sm">
                    <Text>Could not load the functions: {state.error.message}</Text>
                    <Button size="xs" variant="outline" mt="1" onClick={retry}>
                      Retry
                    </Button>
                  </Box>
                ) : null}
                {state.kind === "loaded" ? (
                  <FunctionList functions={matching(state.functions, search)} onInsert={onInsert} />
                ) : null}
              </Stack>
            </Popover.Body>
          </Popover.Content>
        </Popover.Positioner>
      </Portal>
    </Popover.Root>
  );
}

interface FunctionListProps {
  functions: ExpressionFunction[];
  onInsert: FunctionHelpProps["onInsert"];
}

function FunctionList({ functions, onInsert }: FunctionListProps) {
  if (functions.length === 0) {
    return <Text color="fg.muted">No function matches.</Text>;
  }
  return (
    <Stack as="ul" gap="3" listStyleType="none" aria-label="Functions">
      {functions.map((fn) => (
        <Box as="li" key={fn.name} borderBottomWidth="1px" borderColor="border" pb="2">
          <Code>{fn.signature}</Code>
          <Text fontSize="sm" mt="1">
            {fn.description}
          </Text>
          <Text fontSize="xs" color="fg.muted">
            e.g. <Code size="sm">{fn.example}</Code>
          </Text>
          {onInsert ? (
            <Button
              size="2xs"
              variant="ghost"
              mt="1"
              aria-label={`Insert ${fn.name}`}
              onClick={() => onInsert(`${fn.name}(`)}
            >
              Insert
            </Button>
          ) : null}
        </Box>
      ))}
    </Stack>
  );
}

function matching(functions: ExpressionFunction[], search: string): ExpressionFunction[] {
  const text = search.trim().toLowerCase();
  return text
    ? functions.filter((fn) => `${fn.name} ${fn.description} ${fn.category}`.toLowerCase().includes(text))
    : functions;
}
