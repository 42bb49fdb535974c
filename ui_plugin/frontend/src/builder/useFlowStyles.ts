import flowCss from "@xyflow/react/dist/style.css?inline";
import { useLayoutEffect } from "react";

import { SPEC_NODE_CSS } from "./specNodeCss";

const STYLE_ID = "aggregator-react-flow-styles";

/**
 * Add React Flow's stylesheet and the nodes' own to the page once. Airflow loads the plugin
 * bundle as a script only, so a CSS file next to it would never be read.
 */
export function useFlowStyles(): void {
  // Before the first paint: nodes are measured with their styles, not without them.
  useLayoutEffect(() => {
    if (document.getElementById(STYLE_ID)) {
      return;
    }
    const style = document.createElement("style");
    style.id = STYLE_ID;
    style.textContent = flowCss + SPEC_NODE_CSS;
    document.head.append(style);
  }, []);
}
