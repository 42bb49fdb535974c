import { ACCENT_BORDER, BORDER, NODE_WIDTH } from "./nodeGeometry";

/**
 * The look of a pipeline node on the canvas, as one stylesheet over Airflow's Chakra theme
 * tokens (its CSS variables, so light and dark mode follow the host). A canvas draws hundreds
 * of nodes: plain elements with these classes render far faster than styled components.
 */
export const SPEC_NODE_CSS = `
.aggregator-node {
  position: relative;
  box-sizing: border-box;
  display: grid;
  grid-template-columns: auto minmax(0, 1fr) auto;
  column-gap: var(--chakra-spacing-2);
  align-items: start;
  width: ${NODE_WIDTH}px;
  padding: var(--chakra-spacing-2) var(--chakra-spacing-3);
  background: var(--chakra-colors-bg-panel);
  color: var(--chakra-colors-fg);
  border: ${BORDER}px solid var(--chakra-colors-border);
  border-radius: var(--chakra-radii-md);
  box-shadow: var(--chakra-shadows-sm);
}
.aggregator-node[data-selected] {
  border-color: var(--chakra-colors-blue-solid);
  outline: 2px solid var(--chakra-colors-blue-focus-ring);
}
.aggregator-node[data-accent] {
  border-width: ${ACCENT_BORDER}px;
  border-color: var(--aggregator-node-accent);
}
.aggregator-node[data-removed] {
  border-style: dashed;
}
.aggregator-node__glyph {
  grid-column: 1;
  grid-row: 1 / span 2;
  margin: 0;
  min-width: var(--chakra-sizes-5);
  padding-top: var(--chakra-spacing-0\\.5);
  font-size: var(--chakra-font-sizes-lg);
  line-height: 1;
  text-align: center;
}
.aggregator-node__count {
  grid-column: 3;
  grid-row: 1 / span 2;
}
.aggregator-node__title,
.aggregator-node__type {
  margin: 0;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
}
.aggregator-node__title {
  grid-column: 2;
  font-size: var(--chakra-font-sizes-sm);
  font-weight: var(--chakra-font-weights-medium);
  line-height: var(--chakra-line-heights-short, 1.375);
}
.aggregator-node__type {
  grid-column: 2;
  color: var(--chakra-colors-fg-muted);
  font-family: var(--chakra-fonts-mono);
  font-size: var(--chakra-font-sizes-xs);
  line-height: var(--chakra-line-heights-short, 1.375);
}
.aggregator-node__badges {
  grid-column: 1 / -1;
  display: flex;
  flex-wrap: wrap;
  gap: var(--chakra-spacing-1);
  margin-top: var(--chakra-spacing-1);
}
`;
