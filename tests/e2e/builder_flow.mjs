// The whole builder flow in headless Chromium, as an operator and then as a viewer:
// sign in, build source -> filter -> derive -> sink by dragging node types onto the canvas
// and connecting handles, configure each node in its form, preview, save, publish, wait for
// Airflow's parse, unpause the DAG from the builder, run, and see the task states on the canvas;
// then open the pipeline as a viewer. Screenshots the pages (light and dark) and reports
// what it saw as one JSON line. Run by test_builder_flow.py:
//   node builder_flow.mjs '{"url", "chromium", "pipelineId",
//     "operator": {"username", "password"}, "viewer": {"username", "password"},
//     "nodes": [{"type", "id", "position", "settings", "entries"}], "previewNode", "message",
//     "shownSetting": {"node", "label"}, "failureScreenshot",
//     "images": {"builder", "builderDark", "preview", "runOnCanvas", "templates"}}'
import {
  CHROMIUM_FLAGS,
  CONTEXT_OPTIONS,
  TIMEOUT_MS,
  chromium,
  recordErrors,
  scriptOptions,
  setColorMode,
  signIn,
  writeReport,
} from "./browser.mjs";

const RUN_TIMEOUT_MS = 150_000;
const options = scriptOptions();
const report = {};
const browser = await chromium.launch({ executablePath: options.chromium, headless: true, args: CHROMIUM_FLAGS });
try {
  report.operator = await onPage(options.operator, asOperator);
  report.viewer = await onPage(options.viewer, asViewer);
} finally {
  await browser.close();
}
writeReport(report);

/** Run `steps` on a signed-in page; a failure leaves a screenshot of what the page showed. */
async function onPage(user, steps) {
  const opened = await openPage(user);
  try {
    return await steps(opened);
  } catch (error) {
    await opened.page.screenshot({ path: options.failureScreenshot }).catch(() => undefined);
    process.stderr.write(`The page when it failed: ${options.failureScreenshot}\n`);
    throw error;
  }
}

/** A signed-in page of a new browser context (its own cookies and storage) on the Pipelines page. */
async function openPage(user) {
  const context = await browser.newContext(CONTEXT_OPTIONS);
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  await signIn(page, { url: options.url, path: "/plugin/pipelines", ...user });
  const seen = {};
  recordErrors(page, seen);
  await page.getByRole("heading", { name: "Pipelines", exact: true }).waitFor();
  return { page, seen };
}

async function asOperator({ page, seen }) {
  const result = {};
  await page.getByRole("link", { name: "New pipeline" }).click();
  await page.waitForURL(/\/plugin\/pipelines\/new$/);
  await page.getByLabel("Pipeline id").fill(options.pipelineId);

  const pane = page.locator(".react-flow__pane");
  for (const [index, node] of options.nodes.entries()) {
    await page.getByRole("button", { name: `(${node.type})` }).dragTo(pane, { targetPosition: node.position });
    await page.locator(".react-flow__node").nth(index).waitFor();
    await configure(page, node);
  }
  // Laid out and fitted into view, every handle can be reached.
  await autoLayout(page);
  for (const [source, target] of pairs(options.nodes.map((node) => node.id))) {
    await connect(page, source, target);
  }
  await autoLayout(page);
  result.edges = await page.locator(".react-flow__edge").count();
  result.validation = await waitForValidation(page);
  result.specNodes = await specInCodePanel(page);

  // Preview up to the last transform: its sample rows show in the grid.
  await selectNode(page, options.previewNode);
  await page.getByRole("tab", { name: "Preview" }).click();
  await page.getByRole("button", { name: `Preview up to ${options.previewNode}` }).click();
  const grid = page.getByRole("table", { name: `Rows of ${options.previewNode}` });
  await grid.waitFor();
  result.previewColumns = await grid.locator("thead th").evaluateAll((cells) =>
    cells.map((cell) => cell.querySelector("p")?.textContent ?? cell.textContent),
  );
  result.previewRows = await tableRows(grid);
  await grid.scrollIntoViewIfNeeded();
  await page.screenshot({ path: options.images.preview });

  // Save (creating version 1) with a message; the builder moves to the pipeline's address.
  await page.getByRole("button", { name: "Create", exact: true }).click();
  const saveDialog = page.getByRole("dialog", { name: `Create ${options.pipelineId}` });
  await saveDialog.getByLabel("Version message").fill(options.message);
  await saveDialog.getByRole("button", { name: "Save", exact: true }).click();
  await page.waitForURL(new RegExp(`/plugin/pipelines/${options.pipelineId}$`));
  await page.getByRole("heading", { name: options.pipelineId }).waitFor();
  await page.getByText("Unsaved changes").waitFor({ state: "detached" });
  await fitAndSettle(page);
  await showSetting(page, options.shownSetting);
  await page.screenshot({ path: options.images.builder });

  // Publish version 1, confirmed in the dialog, and follow Airflow's parse.
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const publishDialog = page.getByRole("dialog", { name: `Publish version 1 of ${options.pipelineId}` });
  await publishDialog.getByRole("button", { name: "Publish version 1" }).click();
  await publishDialog.getByText("parsed by Airflow").waitFor({ timeout: RUN_TIMEOUT_MS });
  result.parseState = await publishDialog.getByLabel("Publication status").innerText();
  result.dagLink = await publishDialog
    .getByRole("link", { name: `Open ${options.pipelineId} in Airflow` })
    .getAttribute("href");

  // New DAGs start paused: the dialog says so and unpauses it through Airflow's API.
  const pausedNotice = publishDialog.getByLabel("Paused in Airflow");
  result.pausedNotice = await pausedNotice.innerText();
  await pausedNotice.getByRole("button", { name: "Unpause" }).click();
  await publishDialog.getByText(`${options.pipelineId} is unpaused`).waitFor();
  // The link opens the DAG in Airflow, whose own toggle shows it unpaused; then back.
  await publishDialog.getByRole("link", { name: `Open ${options.pipelineId} in Airflow` }).click();
  await page.waitForURL(new RegExp(`/dags/${options.pipelineId}$`));
  await page.getByRole("link", { name: options.pipelineId, exact: true }).first().waitFor();
  const pauseSwitch = page.getByTestId("toggle-pause");
  await pauseSwitch.waitFor();
  result.pausedInAirflow = (await pauseSwitch.getAttribute("data-state")) === "unchecked";
  await page.goto(`${options.url}/plugin/pipelines/${options.pipelineId}`);
  await page.getByRole("heading", { name: options.pipelineId }).waitFor();

  // Run it; the runs panel follows the run and the canvas shows each node's task state.
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const queued = page.getByRole("status").filter({ hasText: "Run queued" });
  result.queued = { text: await queued.innerText(), runId: await queued.getAttribute("title") };
  const runDetails = page.getByLabel(/^Run manual__/);
  const finalState = runDetails.locator("span").filter({ hasText: /^(success|failed)$/ }).first();
  await finalState.waitFor({ timeout: RUN_TIMEOUT_MS });
  result.runState = await finalState.innerText();
  result.tasks = await tableRows(runDetails.getByRole("table", { name: "Tasks" }));
  result.nodeBadges = await nodeBadges(page, options.nodes.map((node) => node.id), result.runState);
  // The palette and the settings fold away: the run shows on a wider canvas.
  const canvasWidth = () => page.locator(".react-flow").evaluate((element) => element.clientWidth);
  const unfolded = await canvasWidth();
  await page.getByRole("button", { name: "Hide node types" }).click();
  await page.getByRole("button", { name: "Hide node settings" }).click();
  await fitAndSettle(page);
  result.canvasWidths = { unfolded, folded: await canvasWidth() };
  await page.screenshot({ path: options.images.runOnCanvas });
  await page.getByRole("button", { name: "Show node types" }).click();
  await page.getByRole("button", { name: "Show node settings" }).click();

  result.lightCanvas = await canvasColors(page);
  await setColorMode(page, "dark");
  await page.getByRole("heading", { name: options.pipelineId }).waitFor();
  await fitAndSettle(page);
  await showSetting(page, options.shownSetting);
  result.darkCanvas = await canvasColors(page);
  await page.screenshot({ path: options.images.builderDark });
  await setColorMode(page, "light");

  await page.goto(`${options.url}/plugin/pipelines/templates`);
  await page.getByRole("heading", { name: "Templates", exact: true }).waitFor();
  await page.getByRole("button", { name: "Use template" }).first().waitFor();
  result.templateCards = await page.getByRole("button", { name: "Use template" }).count();
  await page.screenshot({ path: options.images.templates });
  result.pageErrors = seen.pageErrors;
  return result;
}

async function asViewer({ page, seen }) {
  const result = {};
  // From the moment the page starts, to see its first frame.
  await page.goto(`${options.url}/plugin/pipelines/${options.pipelineId}`, { waitUntil: "commit" });
  const first = await firstFrame(page);
  await page.getByRole("heading", { name: options.pipelineId }).waitFor();
  await settled(page);
  result.firstFrame = { ...first, settledPaths: (await firstFrame(page)).paths };
  result.readOnlyBadge = await page.getByText("Read only", { exact: true }).isVisible();
  result.palette = await page.getByRole("navigation", { name: "Node types" }).count();
  result.editButtons = {};
  for (const name of ["Create", "Save", "Publish", "Run", "Auto layout", "Undo", "Save as template"]) {
    result.editButtons[name] = await page.getByRole("button", { name, exact: true }).count();
  }
  const source = options.nodes[0];
  await selectNode(page, source.id);
  const form = page.getByRole("form", { name: `Settings of ${source.id}` });
  result.fields = {};
  for (const label of ["Id", ...Object.keys(source.settings)]) {
    const field = form.getByLabel(fieldLabel(label));
    result.fields[label] = { value: await field.inputValue(), editable: await field.isEditable() };
  }
  result.connectable = await page.locator(".react-flow__handle.connectable").count();
  result.pageErrors = seen.pageErrors;
  return result;
}

/** Fill the form of the node just dropped (it is selected): its id, then its settings. */
async function configure(page, node) {
  const form = page.getByRole("form", { name: /^Settings of / });
  await form.getByRole("heading", { name: "Settings" }).waitFor();
  await form.getByLabel(fieldLabel("Id")).fill(node.id);
  const settings = page.getByRole("form", { name: `Settings of ${node.id}` });
  await settings.waitFor();
  for (const [label, value] of Object.entries(node.settings ?? {})) {
    await settings.getByLabel(fieldLabel(label)).fill(value);
  }
  for (const [label, entries] of Object.entries(node.entries ?? {})) {
    await fillEntries(settings, label, entries);
  }
}

/** Make a name -> value field (derived columns) hold exactly `entries`. */
async function fillEntries(form, label, entries) {
  const removals = form.getByRole("button", { name: /^Remove / });
  while ((await removals.count()) > 0) {
    await removals.first().click();
  }
  for (const [index, [name, value]] of Object.entries(entries).entries()) {
    await form.getByRole("button", { name: `Add to ${label}` }).click();
    await form.getByLabel(`${label} ${index + 1} name`).fill(name);
    await form.getByLabel(`${label} ${index + 1} value`).fill(value);
  }
}

/** Drag with the mouse from a node's output handle to another node's input handle. */
async function connect(page, source, target) {
  const edges = page.locator(".react-flow__edge");
  const before = await edges.count();
  await page.getByLabel(`Output of ${source}`, { exact: true }).hover();
  await page.mouse.down();
  const to = await center(page.getByLabel(`Inputs of ${target}`, { exact: true }));
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await edges.nth(before).waitFor();
}

async function center(locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`not on screen: ${locator}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * The canvas in the first animation frame in which any node is in the page: how many nodes
 * are visible, and every edge's path (id -> `d`, empty when not drawn). React Flow measures
 * a node only after the frame it first appears in; the builder draws before that.
 */
async function firstFrame(page) {
  const drawn = await page.waitForFunction(
    () => {
      const nodes = [...document.querySelectorAll(".react-flow__node")];
      if (nodes.length === 0) return false;
      const paths = Object.fromEntries(
        [...document.querySelectorAll(".react-flow__edge")].map((edge) => [
          edge.dataset.id,
          edge.querySelector("path.react-flow__edge-path")?.getAttribute("d") ?? "",
        ]),
      );
      return { visible: nodes.filter((node) => node.style.visibility !== "hidden").length, paths };
    },
    null,
    { polling: "raf" },
  );
  return drawn.jsonValue();
}

/** Arrange the graph with the toolbar's Auto layout and wait until the canvas stops moving. */
async function autoLayout(page) {
  await page.getByRole("button", { name: "Auto layout" }).click();
  await settled(page);
}

/** Wait until the canvas's viewport transform stays the same for a moment. */
async function settled(page) {
  const viewport = page.locator(".react-flow__viewport");
  let last = null;
  for (let tries = 0; tries < 50; tries += 1) {
    await page.waitForTimeout(200);
    const now = await viewport.evaluate((element) => element.style.transform);
    if (now === last) return;
    last = now;
  }
}

async function selectNode(page, id) {
  await page.locator(`.react-flow__node[data-id="${id}"]`).click();
  await page.getByRole("form", { name: `Settings of ${id}` }).waitFor();
}

/** Select a node and scroll one of its settings into view: what the screenshots show. */
async function showSetting(page, { node, label }) {
  await selectNode(page, node);
  await page.getByRole("form", { name: `Settings of ${node}` }).getByLabel(fieldLabel(label)).scrollIntoViewIfNeeded();
}

/** Fit the graph into the canvas and wait for the view to stop moving. */
async function fitAndSettle(page) {
  await page.getByRole("button", { name: "Fit View" }).click();
  await settled(page);
}

async function waitForValidation(page) {
  const summary = page.getByRole("status").filter({ hasText: /^(Valid|\d+ problems?)$/ });
  await summary.first().waitFor();
  await page.getByText("Valid", { exact: true }).waitFor();
  return summary.first().innerText();
}

/** The node ids of the spec shown in the Code panel (the YAML the canvas round-trips to). */
async function specInCodePanel(page) {
  await page.getByRole("tab", { name: "Code" }).click();
  const code = await page.getByLabel("Pipeline spec (YAML)").inputValue();
  return [...code.matchAll(/- id: (\S+)/g)].map((match) => match[1]);
}

async function tableRows(table) {
  return table.locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll("td"), (cell) => cell.innerText.trim())),
  );
}

/** The badges of each node on the canvas, once the last node shows the run's final `state`. */
async function nodeBadges(page, ids, state) {
  const node = (id) => page.locator(`.react-flow__node[data-id="${id}"]`);
  await node(ids.at(-1)).getByText(state, { exact: true }).waitFor();
  const badges = {};
  for (const id of ids) {
    badges[id] = await node(id).locator("span").allInnerTexts();
  }
  return badges;
}

/** Colours of the canvas background and of a node, as the browser computes them. */
async function canvasColors(page) {
  return page.locator(".react-flow").evaluate((flow) => ({
    background: getComputedStyle(flow).backgroundColor,
    node: getComputedStyle(flow.querySelector("[data-node-id]")).backgroundColor,
    text: getComputedStyle(flow.querySelector("[data-node-id] p")).color,
  }));
}

/** A field's label, which ends in "*" when the field is required. */
function fieldLabel(text) {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\*?$`);
}

function pairs(ids) {
  return ids.slice(1).map((id, index) => [ids[index], id]);
}
