/** Calls to Airflow's own REST API about a pipeline's DAG, with the signed-in user's permissions. */

import { AIRFLOW_API_PATH, requestJson } from "./client";

/** PATCH /api/v2/dags/{dag_id}: unpause the DAG, as the toggle on Airflow's DAG page does. */
export function unpauseDag(dagId: string): Promise<unknown> {
  return requestJson("PATCH", `dags/${encodeURIComponent(dagId)}`, {
    base: AIRFLOW_API_PATH,
    query: { update_mask: "is_paused" },
    body: { is_paused: false },
  });
}
