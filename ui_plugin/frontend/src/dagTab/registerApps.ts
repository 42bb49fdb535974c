import type { ComponentType } from "react";

import { PipelineTab } from "./PipelineTab";

/** The names ui_plugin/plugin.py gives the plugin's React apps: Airflow looks each up under its name. */
export const APP_NAMES = { pipelinesPage: "Pipelines", pipelineTab: "Pipeline" } as const;

/**
 * Publish each app's component as `globalThis[<app name>]`. Airflow's UI imports a bundle once and
 * then finds an app's component under its name; `globalThis.AirflowPlugin` alone would serve only
 * the app whose page imported the bundle first.
 */
export function registerApps(pipelinesPage: ComponentType): void {
  Object.assign(globalThis, { [APP_NAMES.pipelinesPage]: pipelinesPage, [APP_NAMES.pipelineTab]: PipelineTab });
}
