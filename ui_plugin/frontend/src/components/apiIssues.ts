/** The problems an API error lists (`detail.errors`), and the message for each request field. */

import type { ApiError } from "../api/client";

/** One problem of a request, at its path. */
export interface ApiIssue {
  path: string;
  message: string;
  line?: number | null;
  column?: number | null;
  /** For imports: which document of a set, and its pipeline id. */
  index?: number | null;
  pipeline_id?: string | null;
}

/** Every problem the error lists; none when it lists none. */
export function issuesOf(error: ApiError): ApiIssue[] {
  const errors = (error.detail as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) ? (errors as ApiIssue[]) : [];
}

/**
 * A message per request field: each listed problem under its path (`parameters.rows`),
 * else the error's own `field` with its message. The first message of a field wins.
 */
export function fieldMessages(error: ApiError): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const issue of issuesOf(error)) {
    messages[issue.path] ??= issue.message;
  }
  const field = error.detail?.field;
  if (field) {
    messages[field] ??= error.message;
  }
  return messages;
}
