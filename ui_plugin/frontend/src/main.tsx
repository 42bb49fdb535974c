/**
 * The bundle Airflow's UI loads for the "Pipelines" page. Airflow imports it and renders
 * the component it finds on `globalThis.AirflowPlugin`, which the UMD build assigns from
 * this module's default export.
 */
import { PipelinesPage } from "./pages/PipelinesPage";

export default PipelinesPage;
