/** Which requests a page of the plugin sends before React renders it (see ./earlyRequests). */
import { apiUrl } from "./client";
import { COMPONENTS_PATH, pipelinePath } from "./components";
import { sendEarly } from "./earlyRequests";
import { ME_PATH } from "./me";

/** Where the Pipelines page is mounted, relative to Airflow's base URL. */
const PAGE_PATH = "plugin/pipelines/";

/**
 * The API paths the page at `pathname` reads first: who the user is, and in the builder the
 * node types and the pipeline. Other pages (the list, templates) start with GET /me only.
 */
export function firstPaths(pathname: string, baseUri: string): string[] {
  const page = new URL(PAGE_PATH, baseUri).pathname;
  if (`${pathname}/` === page) {
    return [ME_PATH];
  }
  if (!pathname.startsWith(page)) {
    return [];
  }
  const rest = pathname.slice(page.length).replace(/\/$/, "");
  if (rest === "" || rest === "templates" || rest.includes("/")) {
    return [ME_PATH];
  }
  if (rest === "new") {
    return [ME_PATH, COMPONENTS_PATH];
  }
  let pipelineId: string;
  try {
    pipelineId = decodeURIComponent(rest);
  } catch {
    // Not an id the builder can open: the page says so itself.
    return [ME_PATH];
  }
  return [ME_PATH, COMPONENTS_PATH, pipelinePath(pipelineId)];
}

/** Send the first requests of the page the browser shows now. */
export function sendEarlyRequests(): void {
  for (const path of firstPaths(window.location.pathname, document.baseURI)) {
    sendEarly(apiUrl(path));
  }
}

