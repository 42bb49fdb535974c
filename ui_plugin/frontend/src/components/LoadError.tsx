import { Alert, Button } from "@chakra-ui/react";

import type { ApiError } from "../api/client";

/** What to tell the user about a failed load: a title and what to do next. */
export function describeLoadError(error: ApiError, subject: string): { title: string; message: string } {
  if (error.status === 401) {
    return { title: "Signed out", message: `Your Airflow session has ended. Sign in again to see ${subject}.` };
  }
  if (error.status === 403) {
    const missing = error.detail?.missing_permission ?? { action: "can_read", resource: "Aggregator Pipelines" };
    return {
      title: "No access",
      message:
        `You need ${missing.action} on ${missing.resource} to see ${subject}. ` +
        "Ask an Airflow admin to grant it to one of your roles.",
    };
  }
  return { title: `Could not load ${subject}`, message: error.message };
}

interface LoadErrorProps {
  error: ApiError;
  subject: string;
  onRetry: () => void;
}

/** A failed load, explained, with a retry button where retrying can help. */
export function LoadError({ error, subject, onRetry }: LoadErrorProps) {
  const { title, message } = describeLoadError(error, subject);
  const retryable = error.status !== 401 && error.status !== 403;
  return (
    <Alert.Root status={error.status === 403 ? "warning" : "error"}>
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>{title}</Alert.Title>
        <Alert.Description>{message}</Alert.Description>
      </Alert.Content>
      {retryable ? (
        <Button size="sm" variant="outline" alignSelf="center" onClick={onRetry}>
          Retry
        </Button>
      ) : null}
    </Alert.Root>
  );
}
