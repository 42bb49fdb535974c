/**
 * The bundle of the plugin's React apps. Airflow's UI imports it once, then finds each app's
 * component as `globalThis[<app name>]` (falling back to `globalThis.AirflowPlugin`, which the
 * build assigns from this module's default export): the "Pipelines" page, which routes within
 * itself (list, builder, templates), and the "Pipeline" tab of a DAG.
 */
import { App } from "./App";
import { sendEarlyRequests } from "./api/firstRequests";
import { registerApps } from "./dagTab/registerApps";

sendEarlyRequests();
registerApps(App);

export default App;
