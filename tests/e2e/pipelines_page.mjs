// Signs in to Airflow through its login page in headless Chromium, opens the Pipelines
// page and reports what it shows as one JSON line on stdout; screenshots it in light and
// dark mode. Run by test_pipelines_page.py:
//   node pipelines_page.mjs '{"url", "username", "password", "chromium", "profile",
//                             "screenshot", "darkScreenshot", "expectRows"}'
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const frontend = fileURLToPath(new URL("../../ui_plugin/frontend/package.json", import.meta.url));
const { chromium } = createRequire(frontend)("playwright-core");

const options = JSON.parse(process.argv[2]);
const TIMEOUT_MS = 60_000;
const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const report = { consoleErrors: [], pageErrors: [], bundle: null };
const context = await chromium.launchPersistentContext(options.profile, {
  executablePath: options.chromium,
  headless: true,
  args: CHROMIUM_FLAGS,
  viewport: { width: 1280, height: 720 },
  locale: "en-US",
  timezoneId: "UTC",
  colorScheme: "light",
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on("console", (message) => {
    if (message.type() === "error") report.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => report.pageErrors.push(String(error)));
  page.on("response", (response) => {
    if (new URL(response.url()).pathname.endsWith("/aggregator/api/ui/aggregator.js")) {
      report.bundle = { status: response.status(), contentType: response.headers()["content-type"] ?? null };
    }
  });

  await page.goto(`${options.url}/plugin/pipelines`);
  await page.waitForURL(/\/auth\/login\//);
  report.loginUrl = new URL(page.url()).pathname;
  await page.fill("#username", options.username);
  await page.fill("#password", options.password);
  await Promise.all([page.waitForURL(/\/plugin\/pipelines/), page.click("input[type=submit]")]);
  // Errors of the login page itself are FAB's; only those of Airflow's UI count.
  report.consoleErrors = [];
  report.pageErrors = [];

  await page.getByRole("heading", { name: "Pipelines", exact: true }).waitFor();
  const shown = options.expectRows
    ? page.locator("tr[data-pipeline-id]").first()
    : page.getByText("No pipelines yet");
  await shown.waitFor();
  report.url = new URL(page.url()).pathname;
  report.rows = await page.locator("tr[data-pipeline-id]").evaluateAll((rows) =>
    rows.map((row) => ({
      id: row.getAttribute("data-pipeline-id"),
      cells: Array.from(row.querySelectorAll("td"), (cell) => cell.innerText.trim()),
    })),
  );
  report.emptyState = await page.getByText("No pipelines yet").isVisible();
  report.navLink = await page.getByRole("link", { name: "Pipelines", exact: true }).getAttribute("href");
  report.pluginGlobal = await page.evaluate(() => typeof globalThis.AirflowPlugin);
  report.lightHeadingColor = await headingColor(page);
  await page.screenshot({ path: options.screenshot });

  // Airflow keeps the chosen colour mode in localStorage ("theme"), as next-themes does.
  await page.evaluate(() => localStorage.setItem("theme", "dark"));
  await page.reload();
  await shown.waitFor();
  report.darkHeadingColor = await headingColor(page);
  await page.screenshot({ path: options.darkScreenshot });
} finally {
  await context.close();
}
process.stdout.write(`${JSON.stringify(report)}\n`);

function headingColor(page) {
  return page.getByRole("heading", { name: "Pipelines", exact: true }).evaluate((heading) => getComputedStyle(heading).color);
}
