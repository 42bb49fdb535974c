import { Box, Flex, IconButton } from "@chakra-ui/react";
import type { ReactNode } from "react";

/** Props of {@link SidePanel}. */
export interface SidePanelProps {
  /** What the panel holds, as named on its buttons ("node types"). */
  label: string;
  /** Name the open panel as a complementary landmark (`aside`) with this name. */
  landmark?: string | undefined;
  /** Which edge of the canvas the panel is on: it folds towards that edge. */
  side: "start" | "end";
  /** Its width while open (a Chakra size token). */
  width: string;
  /** Its background (a Chakra colour token), open or folded. */
  bg?: string | undefined;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  children: ReactNode;
}

const FOLD = { start: { open: "‹", closed: "›" }, end: { open: "›", closed: "‹" } };

/**
 * A panel beside the canvas that folds into a narrow strip, so the canvas gets the room on a
 * small screen; the strip's button opens it again.
 */
export function SidePanel({ label, landmark, side, width, bg, open, onOpenChange, children }: SidePanelProps) {
  const border = side === "start" ? { borderRightWidth: "1px" } : { borderLeftWidth: "1px" };
  if (!open) {
    return (
      <Box width="8" flexShrink="0" bg={bg} {...border}>
        <IconButton size="xs" variant="ghost" mt="1" ms="1" aria-label={`Show ${label}`} onClick={() => onOpenChange(true)}>
          {FOLD[side].closed}
        </IconButton>
      </Box>
    );
  }
  return (
    <Flex
      as={landmark ? "aside" : "div"}
      aria-label={landmark}
      direction="column"
      width={width}
      flexShrink="0"
      bg={bg}
      {...border}
    >
      <Flex justify={side === "start" ? "flex-end" : "flex-start"} px="1" pt="1">
        <IconButton size="xs" variant="ghost" aria-label={`Hide ${label}`} onClick={() => onOpenChange(false)}>
          {FOLD[side].open}
        </IconButton>
      </Flex>
      <Box flex="1" minHeight="0" overflowY="auto">
        {children}
      </Box>
    </Flex>
  );
}

