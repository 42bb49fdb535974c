import { useEffect, useState } from "react";

import { getMe, type Me, type PermissionAction, type PermissionResource } from "../api/me";

/** What the signed-in user may do, as GET /me says. */
export interface Permissions {
  /** True until GET /me has answered. */
  loading: boolean;
  /** Whether the user holds `action` on `resource`; false while loading or when GET /me failed. */
  can: (action: PermissionAction, resource: PermissionResource) => boolean;
}

type Held = ReadonlySet<string>;

// One GET /me per page load: every component asking shares the answer. A failed request is
// forgotten, so the next component to mount asks again.
let known: Held | undefined;
let pending: Promise<Held> | undefined;

function keyOf(action: string, resource: string): string {
  return `${action}\u0000${resource}`;
}

function loadPermissions(): Promise<Held> {
  pending ??= getMe().then(
    (me: Me) => {
      known = new Set((Array.isArray(me.permissions) ? me.permissions : []).map((p) => keyOf(p.action, p.resource)));
      return known;
    },
    (error: unknown) => {
      pending = undefined;
      throw error;
    },
  );
  return pending;
}

/** Forget the cached answer of GET /me (after signing in as someone else; between tests). */
export function forgetPermissions(): void {
  known = undefined;
  pending = undefined;
}

const NOTHING: Held = new Set();

/** The signed-in user's aggregator permissions, fetched once per page load. */
export function usePermissions(): Permissions {
  const [held, setHeld] = useState<Held | undefined>(known);

  useEffect(() => {
    if (held !== undefined) {
      return;
    }
    let active = true;
    loadPermissions().then(
      (answer) => active && setHeld(answer),
      () => active && setHeld(NOTHING),
    );
    return () => {
      active = false;
    };
  }, [held]);

  const granted = held ?? NOTHING;
  return {
    loading: held === undefined,
    can: (action, resource) => granted.has(keyOf(action, resource)),
  };
}
