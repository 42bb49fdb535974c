import { useEffect, useState } from "react";

import { arrivedJson } from "../api/client";
import { getMe, ME_PATH, type Me, type PermissionAction, type PermissionResource } from "../api/me";

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

function heldBy(me: Me): Held {
  return new Set((Array.isArray(me.permissions) ? me.permissions : []).map((p) => keyOf(p.action, p.resource)));
}

function loadPermissions(): Promise<Held> {
  pending ??= getMe().then(
    (me: Me) => {
      known = heldBy(me);
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

/** The permissions known now: asked before, or brought by the page's early GET /me. */
function knownNow(): Held | undefined {
  if (known === undefined && pending === undefined) {
    const [me] = arrivedJson([ME_PATH], { take: true }) ?? [];
    if (me !== undefined) {
      known = heldBy(me as Me);
    }
  }
  return known;
}

const NOTHING: Held = new Set();

/** The signed-in user's aggregator permissions, fetched once per page load. */
export function usePermissions(): Permissions {
  const [held, setHeld] = useState<Held | undefined>(knownNow);

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
