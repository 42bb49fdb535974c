/**
 * GET /me bodies of Airflow's built-in roles, for component tests: the permissions each role
 * gets by default (ROLE_DEFAULTS in ui_plugin/api/permissions.py), sorted as GET /me sorts them.
 */

import type { Me, Permission } from "../api/me";

/** A built-in role. */
export type Role = "Viewer" | "User" | "Op" | "Admin";

const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  "Viewer": [
    {
      "action": "can_read",
      "resource": "Aggregator Code"
    },
    {
      "action": "can_read",
      "resource": "Aggregator Pipelines"
    },
    {
      "action": "can_read",
      "resource": "Aggregator Publish"
    },
    {
      "action": "can_read",
      "resource": "Aggregator Templates"
    }
  ],
  "User": [
    {
      "action": "can_read",
      "resource": "Aggregator Code"
    },
    {
      "action": "can_create",
      "resource": "Aggregator Pipelines"
    },
    {
      "action": "can_edit",
      "resource": "Aggregator Pipelines"
    },
    {
      "action": "can_read",
      "resource": "Aggregator Pipelines"
    },
    {
      "action": "can_read",
      "resource": "Aggregator Publish"
    },
    {
      "action": "can_read",
      "resource": "Aggregator Templates"
    }
  ],
  "Op": [
    {
      "action": "can_read",
      "resource": "Aggregator Code"
    },
    {
      "action": "can_create",
      "resource": "Aggregator Pipelines"
    },
    {
      "action": "can_edit",
      "resource": "Aggregator Pipelines"
    },
    {
      "action": "can_read",
      "resource": "Aggregator Pipelines"
    },
    {
      "action": "can_create",
      "resource": "Aggregator Publish"
    },
    {
      "action": "can_delete",
      "resource": "Aggregator Publish"
    },
    {
      "action": "can_edit",
      "resource": "Aggregator Publish"
    },
    {
      "action": "can_read",
      "resource": "Aggregator Publish"
    },
    {
      "action": "can_create",
      "resource": "Aggregator Templates"
    },
    {
      "action": "can_delete",
      "resource": "Aggregator Templates"
    },
    {
      "action": "can_edit",
      "resource": "Aggregator Templates"
    },
    {
      "action": "can_read",
      "resource": "Aggregator Templates"
    }
  ],
  "Admin": [
    {
      "action": "can_create",
      "resource": "Aggregator Code"
    },
    {
      "action": "can_delete",
      "resource": "Aggregator Code"
    },
    {
      "action": "can_edit",
      "resource": "Aggregator Code"
    },
    {
      "action": "can_read",
      "resource": "Aggregator Code"
    },
    {
      "action": "can_create",
      "resource": "Aggregator Pipelines"
    },
    {
      "action": "can_delete",
      "resource": "Aggregator Pipelines"
    },
    {
      "action": "can_edit",
      "resource": "Aggregator Pipelines"
    },
    {
      "action": "can_read",
      "resource": "Aggregator Pipelines"
    },
    {
      "action": "can_create",
      "resource": "Aggregator Publish"
    },
    {
      "action": "can_delete",
      "resource": "Aggregator Publish"
    },
    {
      "action": "can_edit",
      "resource": "Aggregator Publish"
    },
    {
      "action": "can_read",
      "resource": "Aggregator Publish"
    },
    {
      "action": "can_create",
      "resource": "Aggregator Templates"
    },
    {
      "action": "can_delete",
      "resource": "Aggregator Templates"
    },
    {
      "action": "can_edit",
      "resource": "Aggregator Templates"
    },
    {
      "action": "can_read",
      "resource": "Aggregator Templates"
    }
  ]
};

/** The GET /me body of a user holding `role`. */
export function meAs(role: Role): Me {
  return { name: role.toLowerCase(), permissions: ROLE_PERMISSIONS[role] };
}
