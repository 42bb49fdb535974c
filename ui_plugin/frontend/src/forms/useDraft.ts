/**
 * An edit that does not (yet) make a valid value: a half-typed number, JSON that does not parse,
 * a map entry without a name. It stays on screen, with its error, until the value changes from
 * outside, so no edit is lost silently.
 */

import { useState } from "react";

/**
 * `[shown, keep]`: `shown` is the kept draft while the value is still the one it stands for, else
 * `fromValue(value)`. Call `keep(draft, standsFor)` with the value the draft sets (or the current one
 * when it sets none).
 */
export function useDraft<D, T>(value: T, fromValue: (value: T) => D): [D, (draft: D, standsFor: T) => void] {
  const [kept, setKept] = useState<{ draft: D; standsFor: string } | null>(null);
  const shown = kept !== null && kept.standsFor === fingerprint(value) ? kept.draft : fromValue(value);
  const keep = (draft: D, standsFor: T) => setKept({ draft, standsFor: fingerprint(standsFor) });
  return [shown, keep];
}

function fingerprint(value: unknown): string {
  return JSON.stringify(value) ?? "undefined";
}
