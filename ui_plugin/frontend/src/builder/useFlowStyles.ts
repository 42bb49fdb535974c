import flowCss from "@xyflow/react/dist/style.css?inline";
import { useEffect } from "react";

const STYLE_ID = "aggregator-react-flow-styles";

/**
 * Add React Flow's stylesheet to the page once. Airflow loads the plugin bundle as a script
 * only, so a CSS file next to it would never be read.
 */
export function useFlowStyles(): void {
  useEffect(() => {
    if (document.getElementById(STYLE_ID)) {
      return;
    }
    const style = document.createElement("style");
    style.id = STYLE_ID;
    style.textContent = flowCss;
    document.head.append(style);
  }, []);
}
