import { Badge, Box, HStack, Stack, Text } from "@chakra-ui/react";
import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";

import type { GraphNodeData } from "../spec/graph";
import type { ComponentInfo } from "../spec/types";
import { type DiffMark, glyphOf, paletteOfDiff, paletteOfState } from "./nodeLook";

/** What a node on the canvas shows besides its spec. */
export interface CanvasNodeData extends GraphNodeData {
  /** The node's type in the registry; undefined when the registry does not know it. */
  component: ComponentInfo | undefined;
  /** How many validation problems the node has. */
  issueCount: number;
  /** The Airflow task state of the node in the run shown, if any. */
  runState: string | undefined;
  /** How the node differs from the version compared with, if a diff is shown. */
  diffMark: DiffMark | undefined;
}

export type CanvasNode = Node<CanvasNodeData, "spec">;

/** A pipeline node: icon, title and type, handles per its type's inputs and output, badges. */
export function SpecNodeView({ id, data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const { spec, component, issueCount, runState, diffMark } = data;
  const takesInput = component ? component.inputs.max !== 0 : true;
  const hasOutput = component ? component.has_output : true;
  const accent = runState ? paletteOfState(runState) : diffMark ? paletteOfDiff(diffMark) : undefined;
  return (
    <Box
      aria-label={`Node ${id}`}
      data-node-id={id}
      bg="bg.panel"
      color="fg"
      borderWidth={accent ? "2px" : "1px"}
      borderStyle={diffMark === "removed" ? "dashed" : "solid"}
      borderColor={accent ? `${accent}.solid` : selected ? "colorPalette.solid" : "border"}
      colorPalette="blue"
      outline={selected ? "2px solid" : undefined}
      outlineColor={selected ? "colorPalette.focusRing" : undefined}
      borderRadius="md"
      boxShadow="sm"
      px="3"
      py="2"
      minWidth="180px"
      maxWidth="240px"
    >
      {takesInput ? (
        <Handle type="target" position={Position.Left} isConnectable={isConnectable} aria-label={`Inputs of ${id}`} />
      ) : null}
      <HStack gap="2" align="start">
        <Text aria-hidden fontSize="lg" lineHeight="1" pt="0.5" minWidth="5" textAlign="center">
          {glyphOf(component?.icon)}
        </Text>
        <Stack gap="0" flex="1" minWidth="0">
          <Text fontWeight="medium" fontSize="sm" truncate>
            {spec.name ?? id}
          </Text>
          <Text color="fg.muted" fontSize="xs" fontFamily="mono" truncate>
            {spec.name ? `${id} · ${spec.type}` : spec.type}
          </Text>
        </Stack>
        {issueCount > 0 ? (
          <Badge
            colorPalette="red"
            variant="solid"
            size="sm"
            aria-label={`${issueCount} ${issueCount === 1 ? "problem" : "problems"}`}
          >
            {issueCount}
          </Badge>
        ) : null}
      </HStack>
      {runState || diffMark || !component ? (
        <HStack gap="1" mt="1" wrap="wrap">
          {runState ? (
            <Badge size="sm" colorPalette={paletteOfState(runState)} variant="subtle">
              {runState}
            </Badge>
          ) : null}
          {diffMark ? (
            <Badge size="sm" colorPalette={paletteOfDiff(diffMark)} variant="subtle">
              {diffMark}
            </Badge>
          ) : null}
          {!component ? (
            <Badge size="sm" colorPalette="orange" variant="subtle">
              unknown type
            </Badge>
          ) : null}
        </HStack>
      ) : null}
      {hasOutput ? (
        <Handle type="source" position={Position.Right} isConnectable={isConnectable} aria-label={`Output of ${id}`} />
      ) : null}
    </Box>
  );
}
