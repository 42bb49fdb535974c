import { Box, Button, Heading, Input, Stack, Text } from "@chakra-ui/react";
import { memo, useMemo, useState } from "react";

import type { ComponentInfo } from "../spec/types";
import { glyphOf } from "./nodeLook";

/** The drag-and-drop data type carrying a node type's name from the palette to the canvas. */
export const NODE_TYPE_DRAG = "application/x-aggregator-node-type";

const CATEGORY_ORDER = ["source", "transform", "sink"];
const CATEGORY_TITLES: Record<string, string> = { source: "Sources", transform: "Transforms", sink: "Sinks" };

interface NodePaletteProps {
  /** The node types the user may add. */
  components: ComponentInfo[];
  /** Add a node of this type (clicked, or Enter/Space on the item). */
  onAdd: (type: string) => void;
}

/**
 * Node types grouped by category, searchable; drag one onto the canvas or click it to add.
 * Memoised: editing the pipeline does not redraw it.
 */
export const NodePalette = memo(function NodePalette({ components, onAdd }: NodePaletteProps) {
  const [search, setSearch] = useState("");
  const groups = useMemo(() => groupedTypes(components, search), [components, search]);
  return (
    <Stack as="nav" aria-label="Node types" gap="3" p="3" overflowY="auto" height="full">
      <Input
        type="search"
        size="sm"
        placeholder="Search node types"
        aria-label="Search node types"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      {groups.length === 0 ? (
        <Text color="fg.muted" fontSize="sm">
          No node type matches "{search}".
        </Text>
      ) : null}
      {groups.map(([category, types]) => (
        <Stack key={category} gap="1" role="group" aria-label={CATEGORY_TITLES[category] ?? category}>
          <Heading size="xs" color="fg.muted" textTransform="uppercase" letterSpacing="wide">
            {CATEGORY_TITLES[category] ?? category}
          </Heading>
          {types.map((type) => (
            <PaletteItem key={type.name} type={type} onAdd={onAdd} />
          ))}
        </Stack>
      ))}
    </Stack>
  );
});

function PaletteItem({ type, onAdd }: { type: ComponentInfo; onAdd: (type: string) => void }) {
  return (
    <Button
      variant="outline"
      size="sm"
      justifyContent="start"
      height="auto"
      py="1.5"
      draggable
      title={type.description}
      aria-label={`Add ${type.title} (${type.name})`}
      onClick={() => onAdd(type.name)}
      onDragStart={(event) => {
        event.dataTransfer.setData(NODE_TYPE_DRAG, type.name);
        event.dataTransfer.effectAllowed = "copy";
      }}
    >
      <Text as="span" aria-hidden minWidth="5" textAlign="center">
        {glyphOf(type.icon)}
      </Text>
      <Box as="span" textAlign="start" minWidth="0">
        <Text as="span" display="block" truncate>
          {type.title}
        </Text>
        <Text as="span" display="block" color="fg.muted" fontSize="xs" fontFamily="mono" truncate>
          {type.name}
        </Text>
      </Box>
    </Button>
  );
}

/** Types whose name, title or description contain `search`, grouped by category in pipeline order. */
export function groupedTypes(components: ComponentInfo[], search: string): [string, ComponentInfo[]][] {
  const term = search.trim().toLowerCase();
  const matching = components.filter((type) =>
    [type.name, type.title, type.description].some((text) => text.toLowerCase().includes(term)),
  );
  const groups = new Map<string, ComponentInfo[]>();
  for (const type of matching) {
    groups.set(type.category, [...(groups.get(type.category) ?? []), type]);
  }
  const rank = (category: string) => {
    const index = CATEGORY_ORDER.indexOf(category);
    return index === -1 ? CATEGORY_ORDER.length : index;
  };
  return [...groups.entries()]
    .map(([category, types]): [string, ComponentInfo[]] => [
      category,
      types.sort((a, b) => a.title.localeCompare(b.title)),
    ])
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}
