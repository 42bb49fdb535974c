// The builder's first render and frame times in headless Chromium, beside Airflow's own
// Graph view of a DAG with the same graph. Run by ui_bench.py:
//   node ui_browser.mjs '{"url", "username", "password", "chromium", "profile", "pipelineId",
//                         "pipelineName", "dagId", "nodes", "edges", "runs", "editable",
//                         "editedField", "typed"}'
// Prints one JSON line on stdout: per run, first-render milliseconds of both pages (a full page
// load, and opened from their lists) and the frame times (requestAnimationFrame deltas) of
// every interaction.
import { loadavg } from "node:os";

// Playwright's client, the Chromium flags and FAB's sign-in, as the browser tests use them.
import { CHROMIUM_FLAGS, chromium, scriptOptions, signIn } from "../tests/e2e/browser.mjs";

const options = scriptOptions();
const TIMEOUT_MS = 120_000;
const VIEWPORT = { width: 1600, height: 1000 };
/** Pointer moves of a drag or pan, one per 16 ms (a 60 Hz mouse), and their distance. */
const MOVES = 90;
const MOVE_STEP_PX = 3;
const WHEEL_EVENTS = 30;
const WHEEL_GAP_MS = 40;
/** A keystroke every 80 ms: brisk typing. */
const KEY_DELAY_MS = 80;
/** Frames after the last input still counted: the debounced validation re-renders in them. */
const SETTLE_MS = 1000;

const builderUrl = `${options.url}/plugin/pipelines/${encodeURIComponent(options.pipelineId)}`;
const graphUrl = `${options.url}/dags/${encodeURIComponent(options.dagId)}`;
// The lists each page is opened from in the UI, and the name of the link to it there.
const builderList = { url: `${options.url}/plugin/pipelines`, link: options.pipelineName };
const graphList = { url: `${options.url}/dags`, link: options.dagId };
// The plugin's bundle: the first request of the builder's own code.
const BUNDLE_PATH = "/aggregator/api/ui/aggregator.js";
// Airflow's UI script, and the request whose answer its router waits for before it renders
// any page, of Airflow's or of a plugin.
const AIRFLOW_SCRIPT = "^/static/assets/index-[^/]+\\.js$";
const AIRFLOW_READY = "^/api/v2/plugins$";
// The requests whose answers each page draws: the pipeline and the node types; the DAG's structure.
const builderData = `^/aggregator/api/(pipelines/${options.pipelineId}|components)$`;
const graphData = "^/ui/structure/structure_data$";

// In the page: the frame recorder (rAF deltas and long tasks) and the "all nodes drawn" check.
const RECORDER = () => {
  const state = { frames: [], longTasks: [], running: false };
  new PerformanceObserver((list) => {
    if (state.running) {
      for (const entry of list.getEntries()) state.longTasks.push(entry.duration);
    }
  }).observe({ type: "longtask", buffered: false });
  globalThis.__frames = {
    start() {
      state.frames = [];
      state.longTasks = [];
      state.running = true;
      let last = null;
      const tick = (now) => {
        if (!state.running) return;
        if (last !== null) state.frames.push(now - last);
        last = now;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    stop() {
      state.running = false;
      return { frames: state.frames, longTasks: state.longTasks };
    },
  };
};

/**
 * In the page: performance.now() once `nodes` React Flow nodes are in the page, measured (React
 * Flow keeps a node hidden until it knows its size) and of non-zero size, and `edges` edges
 * are drawn (a path with a shape); false until then. Run on every animation frame.
 */
const ALL_DRAWN = ({ nodes, edges }) => {
  const drawnNodes = document.querySelectorAll(".react-flow__node");
  if (drawnNodes.length < nodes) return false;
  for (const node of drawnNodes) {
    if (node.style.visibility === "hidden" || node.offsetWidth === 0) return false;
  }
  const drawnEdges = [...document.querySelectorAll(".react-flow__edge")].filter((edge) =>
    [...edge.querySelectorAll("path")].some((path) => (path.getAttribute("d") ?? "").length > 0),
  );
  return drawnEdges.length >= edges && performance.now();
};

const context = await chromium.launchPersistentContext(options.profile, {
  executablePath: options.chromium,
  headless: true,
  args: CHROMIUM_FLAGS,
  viewport: VIEWPORT,
  locale: "en-US",
  timezoneId: "UTC",
  colorScheme: "light",
});
const report = { runs: [], pageErrors: [], userAgent: null };
try {
  await context.addInitScript(RECORDER);
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on("pageerror", (error) => report.pageErrors.push(`${new URL(page.url()).pathname}: ${error}`));
  // Leaving the builder with unsaved moves asks first; the benchmark leaves.
  page.on("dialog", (dialog) => void dialog.accept());
  const { url, username, password } = options;
  await signIn(page, { url, path: "/plugin/pipelines", username, password });
  await page.getByRole("heading", { name: "Pipelines", exact: true }).waitFor();
  // Errors of FAB's login page are not the pages measured.
  report.pageErrors = [];
  // Airflow's DAG page opens the view last chosen; the Graph view is the one compared with.
  await page.evaluate(() => localStorage.setItem("default_dag_view", JSON.stringify("graph")));
  report.userAgent = await page.evaluate(() => navigator.userAgent);

  // One visit of each page warms the HTTP cache and the server; it is not counted.
  await firstRender(page, builderUrl, builderData);
  await firstRender(page, graphUrl, graphData);
  for (let run = 0; run < options.runs; run += 1) {
    const result = { loadAverage: loadavg()[0] };
    result.graphFirstRender = await firstRender(page, graphUrl, graphData);
    result.graphPan = await pan(page);
    result.builderFirstRender = await firstRender(page, builderUrl, builderData);
    result.drag = await drag(page);
    result.typing = await typing(page);
    result.pan = await pan(page);
    result.zoom = await zoom(page);
    result.graphOpen = await openFromList(page, graphList);
    result.builderOpen = await openFromList(page, builderList);
    result.graphNewTab = await firstRenderInNewTab(context, graphUrl, graphData);
    result.builderNewTab = await firstRenderInNewTab(context, builderUrl, builderData);
    report.runs.push(result);
    process.stderr.write(`run ${run + 1}/${options.runs}: ${JSON.stringify(summary(result))}\n`);
  }
} finally {
  await context.close();
}
process.stdout.write(`${JSON.stringify(report)}\n`);

/** Wait until every node and edge is drawn; the page's clock then. Checks the node count. */
async function allDrawn(page, what) {
  const drawn = await page.waitForFunction(ALL_DRAWN, options, { polling: "raf", timeout: TIMEOUT_MS });
  const count = await page.locator(".react-flow__node").count();
  if (count !== options.nodes) throw new Error(`${what} drew ${count} nodes, not ${options.nodes}`);
  return drawn.jsonValue();
}

/**
 * When, on the page's clock, the last (or with `first`, the first) response of a request whose
 * URL path matches `pattern` ended; null when there was none.
 */
function answeredAt(page, pattern, { first = false } = {}) {
  return page.evaluate(
    ({ source, first }) => {
      const ends = performance
        .getEntriesByType("resource")
        .filter((entry) => new RegExp(source).test(new URL(entry.name).pathname))
        .map((entry) => entry.responseEnd);
      return ends.length === 0 ? null : first ? Math.min(...ends) : Math.max(...ends);
    },
    { source: pattern, first },
  );
}

/**
 * A full page load of `url` from a blank page: milliseconds from the navigation's start (performance.timeOrigin)
 * to the first animation frame with all nodes and edges drawn; on the same clock, when the
 * last of the page's `data` requests (URL paths matching that pattern) had its answer, when
 * the plugin's bundle had arrived (null on Airflow's own pages), when Airflow's UI script had
 * arrived and when Airflow's UI was ready to render a page.
 */
async function firstRender(page, url, data) {
  // Both pages are loaded after the same page, Airflow's DAG list: the page shown before
  // changes where the browser finds Airflow's UI script (in memory or on disk), and the
  // Graph view, shown before the builder otherwise, leaves it on disk more often.
  await page.goto(graphList.url);
  await page.getByRole("link", { name: graphList.link, exact: true }).waitFor();
  // From a blank page, as a bookmark loads it: the navigation's time does not include tearing
  // down the page shown before.
  await page.goto("about:blank");
  await page.goto(url, { waitUntil: "commit" });
  return loadTimes(page, url, data);
}

/**
 * A full page load of `url` in a new tab, as a link opened in a new tab loads it: Chromium
 * starts a new renderer for it, which has none of Airflow's code in memory yet. The same
 * times as {@link firstRender}.
 */
async function firstRenderInNewTab(context, url, data) {
  const tab = await context.newPage();
  tab.setDefaultTimeout(TIMEOUT_MS);
  tab.on("pageerror", (error) => report.pageErrors.push(`${new URL(tab.url()).pathname} (new tab): ${error}`));
  try {
    await tab.goto(url, { waitUntil: "commit" });
    return await loadTimes(tab, url, data);
  } finally {
    await tab.close();
  }
}

/** The times of the page load under way in `page` (see {@link firstRender}). */
async function loadTimes(page, url, data) {
  const drawnMs = await allDrawn(page, url);
  return {
    drawnMs,
    dataMs: await answeredAt(page, data),
    bundleMs: await answeredAt(page, `^${BUNDLE_PATH}$`),
    airflowScriptMs: await answeredAt(page, AIRFLOW_SCRIPT),
    // Airflow's router renders a page once its first answer is in.
    airflowReadyMs: await answeredAt(page, AIRFLOW_READY, { first: true }),
  };
}

/**
 * Open the page from its list, as a user does: the list loaded first (not measured), then a
 * click on the link named `link`. Milliseconds from the click to all nodes and edges drawn.
 */
async function openFromList(page, { url, link }) {
  await page.goto(url);
  const target = page.getByRole("link", { name: link, exact: true });
  await target.waitFor();
  await page.waitForTimeout(300);
  await page.evaluate(() => {
    globalThis.__clickedAt = null;
    addEventListener("click", (event) => (globalThis.__clickedAt = event.timeStamp), { capture: true, once: true });
  });
  await target.click();
  const drawnMs = await allDrawn(page, `${link} opened from ${url}`);
  const clickedAt = await page.evaluate(() => globalThis.__clickedAt);
  if (clickedAt === null) throw new Error(`the click on ${link} was not seen`);
  return { drawnMs: drawnMs - clickedAt };
}

/** Frame times while `act` runs, and for SETTLE_MS after it. */
async function recorded(page, act) {
  await page.waitForTimeout(300);
  await page.evaluate(() => globalThis.__frames.start());
  await act();
  await page.waitForTimeout(SETTLE_MS);
  return page.evaluate(() => globalThis.__frames.stop());
}

async function glide(page, from, dx, dy) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let step = 1; step <= MOVES; step += 1) {
    await page.mouse.move(from.x + dx * step, from.y + dy * step);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
}

/** The whole graph in view again, as the canvas's "fit view" button does it. */
async function fitAll(page) {
  await page.locator(".react-flow__controls-fitview").click();
  await page.waitForTimeout(100);
}

/**
 * The first of `options.editable` (nodes with the edited field) that a click on its middle
 * reaches: at 200 nodes the canvas cannot show every node at its smallest zoom.
 */
async function nodeInView(page) {
  const id = await page.evaluate((ids) => {
    const pane = document.querySelector(".react-flow__pane").getBoundingClientRect();
    const overlays = [...document.querySelectorAll(".react-flow__minimap, .react-flow__controls")].map((element) =>
      element.getBoundingClientRect(),
    );
    const within = (box, x, y) => x > box.left && x < box.right && y > box.top && y < box.bottom;
    // The node's middle is on the canvas, not under the minimap or the controls, and not under
    // another node (one dragged there in an earlier step).
    const clickable = (node) => {
      const box = node.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      return (
        within(pane, x, y) &&
        !overlays.some((overlay) => within(overlay, x, y)) &&
        document.elementFromPoint(x, y)?.closest(".react-flow__node") === node
      );
    };
    return ids.find((candidate) => {
      const node = document.querySelector(`.react-flow__node[data-id="${candidate}"]`);
      return node !== null && clickable(node);
    });
  }, options.editable);
  if (!id) throw new Error("none of the nodes to edit is in view");
  return id;
}

/**
 * Drag a node in view towards the canvas's middle: it stays in view, so React Flow does not
 * pan the canvas along (as it does when a node is dragged to its edge).
 */
async function drag(page) {
  await fitAll(page);
  const id = await nodeInView(page);
  const box = await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox();
  const pane = await page.locator(".react-flow__pane").boundingBox();
  const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const towards = (at, start, size) => (at < start + size / 2 ? MOVE_STEP_PX : -MOVE_STEP_PX);
  const dx = towards(from.x, pane.x, pane.width);
  const dy = towards(from.y, pane.y, pane.height) / 2;
  return recorded(page, () => glide(page, from, dx, dy));
}

/** A point of the canvas's empty background, where a drag pans. */
async function emptyPoint(page) {
  const point = await page.evaluate(() => {
    const pane = document.querySelector(".react-flow__pane");
    const box = pane.getBoundingClientRect();
    for (let y = box.top + 20; y < box.bottom - 20; y += 10) {
      for (let x = box.left + 20; x < box.right - 200; x += 10) {
        if (document.elementFromPoint(x, y) === pane) return { x, y };
      }
    }
    return null;
  });
  if (!point) throw new Error("no empty spot on the canvas to pan from");
  return point;
}

/** Drag the canvas's background: React Flow's (and Airflow's graph's) pan. */
async function pan(page) {
  const from = await emptyPoint(page);
  return recorded(page, () => glide(page, from, MOVE_STEP_PX, MOVE_STEP_PX / 2));
}

/** Wheel zoom in, then out, over the canvas's middle. */
async function zoom(page) {
  const box = await page.locator(".react-flow__pane").boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  return recorded(page, async () => {
    for (let event = 0; event < WHEEL_EVENTS; event += 1) {
      await page.mouse.wheel(0, event < WHEEL_EVENTS / 2 ? -100 : 100);
      await page.waitForTimeout(WHEEL_GAP_MS);
    }
  });
}

/** Select the edited node, then type into one of its config fields in the side panel. */
async function typing(page) {
  await fitAll(page);
  const id = await nodeInView(page);
  await page.locator(`.react-flow__node[data-id="${id}"]`).click();
  const form = page.getByRole("form", { name: `Settings of ${id}` });
  // The label may carry a required mark after the field's name.
  const field = form.getByRole("textbox", { name: new RegExp(`^${options.editedField}\\b`) }).first();
  await field.click();
  await page.keyboard.press("End");
  const frames = await recorded(page, () => page.keyboard.type(options.typed, { delay: KEY_DELAY_MS }));
  const value = await field.inputValue();
  if (!value.endsWith(options.typed)) throw new Error(`the ${options.editedField} field reads ${value}`);
  return frames;
}

function summary(result) {
  const worst = (frames) => Math.round(Math.max(...frames.frames));
  return {
    graph: Math.round(result.graphFirstRender.drawnMs),
    builder: Math.round(result.builderFirstRender.drawnMs),
    graphNewTab: Math.round(result.graphNewTab.drawnMs),
    builderNewTab: Math.round(result.builderNewTab.drawnMs),
    graphOpen: Math.round(result.graphOpen.drawnMs),
    builderOpen: Math.round(result.builderOpen.drawnMs),
    dragMax: worst(result.drag),
    panMax: worst(result.pan),
    zoomMax: worst(result.zoom),
    typingMax: worst(result.typing),
    graphPanMax: worst(result.graphPan),
  };
}
