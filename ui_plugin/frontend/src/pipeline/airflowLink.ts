/** The absolute address of a page of Airflow's UI given relative to Airflow's base URL (`/dags/x`). */
export function airflowPageUrl(path: string): string {
  return new URL(path.replace(/^\//, ""), document.baseURI).toString();
}
