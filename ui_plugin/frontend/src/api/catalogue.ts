/** The expression functions and transform types (GET /catalogue), for help next to expressions. */

import { getJson } from "./client";

/** A function of the expression language. */
export interface ExpressionFunction {
  name: string;
  signature: string;
  description: string;
  example: string;
  category: string;
}

/** One config field of a transform type. */
export interface TransformField {
  name: string;
  type: string;
  required: boolean;
  default: unknown;
  description: string;
}

/** A transform node type as the catalogue describes it. */
export interface TransformInfo {
  name: string;
  title: string;
  description: string;
  group: "row-wise" | "whole-input" | "combining";
  inputs: { min: number; max: number | null; text: string };
  fusable: boolean;
  code_bearing: boolean;
  example: Record<string, unknown> | null;
  fields: TransformField[];
}

/** Everything GET /catalogue answers. */
export interface Catalogue {
  functions: ExpressionFunction[];
  transforms: TransformInfo[];
}

/** GET /catalogue. */
export function getCatalogue(signal?: AbortSignal): Promise<Catalogue> {
  return getJson<Catalogue>("catalogue", {}, signal);
}
