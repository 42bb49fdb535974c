/** Who is signed in and which aggregator permissions they hold (GET /me). */

import { getJson } from "./client";

/** An action of Airflow's FAB permissions. */
export type PermissionAction = "can_read" | "can_create" | "can_edit" | "can_delete";

/** A resource the aggregator declares permissions on. */
export type PermissionResource =
  | "Aggregator Pipelines"
  | "Aggregator Templates"
  | "Aggregator Code"
  | "Aggregator Publish";

/** One action on one resource. */
export interface Permission {
  action: PermissionAction;
  resource: PermissionResource;
}

/** The GET /me body. */
export interface Me {
  name: string;
  permissions: Permission[];
}

/** Where GET /me is, below the API. */
export const ME_PATH = "me";

/** GET /me. */
export function getMe(signal?: AbortSignal): Promise<Me> {
  return getJson<Me>(ME_PATH, {}, signal);
}
