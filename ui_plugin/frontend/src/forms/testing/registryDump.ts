/** The node types of the real registry, as GET /components answers (dumped into components.json). */

import type { ComponentInfo, SpecIssue } from "../../spec/types";
import components from "./components.json";

/** A node type as GET /components answers it (the file is a dump of the real registry). */
export function componentNamed(name: string): ComponentInfo {
  const found = (components as unknown as ComponentInfo[]).find((component) => component.name === name);
  if (!found) {
    throw new Error(`no node type ${name} in the registry dump`);
  }
  return found;
}

/** Every node type of the registry dump. */
export const ALL_COMPONENTS = components as unknown as ComponentInfo[];

/** An issue as the API reports it. */
export function issue(path: string, message: string): SpecIssue {
  return { path, message, line: null, column: null };
}

