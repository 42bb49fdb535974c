/** What every field of one node's form shares: the node's type, its issues, read-only, column suggestions. */

import { createContext, useContext } from "react";

import type { SpecIssue } from "../spec/types";
import type { ColumnRule } from "./schema/columnFields";
import type { Definitions } from "./schema/jsonSchema";

/** Settings shared by the fields of one form. */
export interface FormSettings {
  /** The node type (`source.sql`), for the connections it can use. */
  nodeType: string;
  /** The `$defs` of the node type's config schema. */
  definitions: Definitions;
  /** Issues of this node; paths from the spec root or from the node. */
  issues: readonly SpecIssue[];
  /** When set, nothing can be edited. */
  readOnly: boolean;
  /** The id of the `<datalist>` of upstream columns, when there are any. */
  columnListId: string | undefined;
  /** How fields naming columns are told: by the schema's marker, or by name for unmarked node types. */
  columnRule: ColumnRule;
}

const FormContext = createContext<FormSettings>({
  nodeType: "",
  definitions: {},
  issues: [],
  readOnly: true,
  columnListId: undefined,
  columnRule: "name",
});

/** Provides the settings of one node's form to its fields. */
export const FormSettingsProvider = FormContext.Provider;

/** The settings of the form a field is in. */
export function useFormSettings(): FormSettings {
  return useContext(FormContext);
}
