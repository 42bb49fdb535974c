"""The Markdown text of the section "Pipeline builder: 200 nodes in the browser" of ``docs/benchmarks.md``."""

from __future__ import annotations

from dataclasses import dataclass

from ui_report import HEADING, UiResults, first_render_table, frames_table, runs_table, targets_table


@dataclass(frozen=True)
class Context:
    """Where and how the benchmark ran."""

    date: str
    machine: str
    browser: str
    revision: str
    command: str
    runs: int
    nodes: int
    edges: int
    load_before: str
    load_after: str
    total_minutes: float


INTRO = """\
Measured {date} at product revision `{revision}`, {runs} runs (medians shown).

Machine: {machine}. Browser: {browser}, headless, software rendering (`--disable-gpu`),
viewport 1600 x 1000, driven by Playwright (`playwright-core`) on the same machine as the
Airflow API server. **The browser, the server and other work share the 2 cores**: the
1-minute load average was {load_before} at the start and {load_after} at the end (each run's
is in the last table); frame times above about 17 ms (one 60 Hz frame) partly measure
waiting for a core.
The whole run took {total_minutes:.1f} minutes.
"""

HOW = """\
### What is measured

- **Airflow**: a real `airflow api-server` (Airflow's React UI, FAB auth, SQLite metadata
  database, the plugin installed), its own home in a temporary folder, signed in through
  FAB's login page.
- **Pipeline**: {nodes} nodes and {edges} edges created with `POST /aggregator/api/pipelines`
  (bearer token from `POST /auth/token`): 20 sources (file, SQL table, HTTP API) each
  filtered, derived, cast (9 also fill nulls) and trimmed; joined in pairs, de-duplicated,
  aggregated (each aggregate also loaded into a table) and sorted; unioned; fanned out to
  20 filters and file or table sinks. **No node has a position**: the builder places them
  itself (a column per depth) as part of the first render.
- **Baseline**: Airflow's own Graph view (`/dags/<dag_id>`, Graph chosen) of a plain DAG
  file with the same graph: {nodes} `EmptyOperator` tasks and the same {edges}
  dependencies, parsed by `airflow dags reserialize`; same browser, same session, measured
  in the same runs, alternating with the builder.
- **First render**, two ways, each until the first animation frame in which all {nodes} React
  Flow nodes are in the page, measured (React Flow hides a node until it has its size) and
  of non-zero size, and all {edges} edges are drawn (a path with a shape); the same check
  times the Graph view:
  - *full page load*: from the navigation's start (`performance.timeOrigin`, a load of
    `/plugin/pipelines/<id>` from a blank page in the same tab, as a bookmark loads it; runs
    before 2026-11-27 21:50 came from the page measured before, whose
    teardown then counted too). It includes starting Airflow's UI: its script (about 7 MB,
    from the browser's cache, which Chromium keeps in memory for some loads and reads from
    disk for others) and the API calls after which its router renders any page, Airflow's
    own or a plugin's (`GET /api/v2/plugins` last). The plugin's bundle loads with the page
    and sends the builder's requests while Airflow starts (see docs/ui.md, "Opening a page by
    its address"). After Airflow's UI is ready come React's rendering of the page, the
    browser's style and layout, and the frame. The HTTP cache is warm: one unmeasured visit
    of each page comes first. Before each such load Airflow's DAG list is shown, for both
    pages alike: the page shown before decides whether Chromium finds Airflow's script in
    memory or reads it from disk (a Graph view of 200 tasks shown before left it on disk in
    nearly every load), which moves the whole load by 0.2 to 0.3 s;
  - *full page load in a new tab* (reported, not a target): the same, in a tab opened for it,
    as a link opened in a new tab loads it. Chromium starts a new renderer, which has none of
    Airflow's code in memory: Airflow's UI takes far longer to start;
  - *opened from its list*: the Pipelines list (or Airflow's DAG list) is loaded first,
    then the click on the pipeline's (or DAG's) link, from the click's event time: the way a
    user opens a pipeline inside Airflow's UI, with no page load.
- **Frame times**: `requestAnimationFrame` deltas recorded in the page during each
  interaction and for 1 s after it (so the work that follows, such as the debounced
  validation, counts), with the Long Tasks API counting tasks over 50 ms:
  - dragging a node in view towards the canvas's middle (so React Flow does not pan along):
    90 pointer moves, one per 16 ms, 3 px sideways and 1.5 px up or down each;
  - panning: the same pointer path on the canvas's empty background (also on the Graph view);
  - zooming: 30 wheel steps 40 ms apart over the canvas, in then out;
  - typing: a node in view selected, then `_archive` typed into its *Table* field in the
    side panel, one key per 80 ms.
- **Bundle**: `ui_plugin/frontend/dist/aggregator.js` as built by `make ui`, raw and
  gzip level 9; React, ReactDOM, React Router, Chakra UI and Emotion are Airflow's
  globals and not in it.
"""

RERUN = """\
### Rerun

```sh
make bench-ui                                 # {runs_default} runs
.venv/bin/python bench/ui_bench.py --runs 2   # fewer runs
```

Options: `--runs`, `--json` (raw results, default `bench/results/ui_bench.json`), `--doc`,
`--report-only` (rewrite this section from the saved JSON). This run: `{command}`.
"""


def section(context: Context, results: UiResults) -> tuple[str, str]:
    """The heading and the full text of the section."""
    bundle = results.bundle
    parts = [
        HEADING,
        INTRO.format(**vars(context)),
        "### Results",
        "\n".join(targets_table(results)),
        f"Bundle: {bundle.raw_bytes / 1024:,.0f} KiB raw, {bundle.gzip_bytes / 1024:,.0f} KiB gzipped.",
        "Where a full page load's time goes (the page's data: for the builder the pipeline and the node "
        "types, `GET /aggregator/api/pipelines/<id>` and `/components`, sent as soon as the bundle runs; "
        "for the Graph view `GET /ui/structure/structure_data`):",
        "\n".join(first_render_table(results)),
        "Frame times per interaction (medians over the runs of each run's statistic):",
        "\n".join(frames_table(results)),
        "First render per run:",
        "\n".join(runs_table(results)),
        HOW.format(**vars(context)),
        RERUN.format(command=context.command, runs_default=5),
    ]
    return HEADING, "\n\n".join(part.rstrip("\n") for part in parts) + "\n"
