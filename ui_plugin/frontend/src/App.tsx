import { Route, Routes, useParams } from "react-router-dom";

import { BuilderPage } from "./builder/BuilderPage";
import { PipelinesPage } from "./pages/PipelinesPage";
import { TemplatesPage } from "./templates/TemplatesPage";

/**
 * The pages of the plugin, under Airflow's `/plugin/pipelines/*` route: paths here are
 * relative to it.
 */
export function App() {
  return (
    <Routes>
      <Route index element={<PipelinesPage />} />
      {/* Pages of other features: one <Route path="name" element={...} /> each, above the builder's. */}
      <Route path="templates" element={<TemplatesPage />} />
      {/* The builder: a new pipeline, or the one whose id is the path. */}
      <Route path="new" element={<BuilderPage key="new" pipelineId={null} />} />
      <Route path=":pipelineId" element={<PipelineBuilder />} />
    </Routes>
  );
}

/** The builder of the pipeline named in the path; another id opens a fresh builder. */
function PipelineBuilder() {
  const { pipelineId = "" } = useParams();
  return <BuilderPage key={pipelineId} pipelineId={pipelineId} />;
}
