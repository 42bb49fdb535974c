import { ApiError } from "../api/client";

/** A failed request as one line a user can act on: the API's message and the field it names. */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return String(error);
  }
  if (error.status === 401) {
    return "Your Airflow session has ended. Sign in again.";
  }
  if (error.status === 403 && error.detail?.missing_permission) {
    const { action, resource } = error.detail.missing_permission;
    return `You need ${action} on ${resource}. Ask an Airflow admin to grant it to one of your roles.`;
  }
  const field = error.detail?.field;
  return field && !error.message.includes(field) ? `${error.message} (${field})` : error.message;
}
