// Signs in to Airflow through its login page in headless Chromium, opens the Pipelines
// page and reports what it shows as one JSON line on stdout; screenshots it in light and
// dark mode. Run by test_pipelines_page.py:
//   node pipelines_page.mjs '{"url", "username", "password", "chromium", "profile",
//                             "screenshot", "darkScreenshot", "expectRows"}'
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

const options = scriptOptions();
const report = { bundle: null };
const context = await chromium.launchPersistentContext(options.profile, {
  executablePath: options.chromium,
  headless: true,
  args: CHROMIUM_FLAGS,
  ...CONTEXT_OPTIONS,
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(TIMEOUT_MS);
  recordErrors(page, report);
  // The bundle as downloaded: later loads of the page revalidate it (304, no body).
  page.on("response", (response) => {
    if (new URL(response.url()).pathname.endsWith("/aggregator/api/ui/aggregator.js") && response.status() !== 304) {
      report.bundle = { status: response.status(), contentType: response.headers()["content-type"] ?? null };
    }
  });

  report.loginUrl = await signIn(page, { ...options, path: "/plugin/pipelines" });
  // Errors of the login page itself are FAB's; only those of Airflow's UI count.
  report.consoleErrors.length = 0;
  report.pageErrors.length = 0;

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

  await setColorMode(page, "dark");
  await shown.waitFor();
  report.darkHeadingColor = await headingColor(page);
  await page.screenshot({ path: options.darkScreenshot });
} finally {
  await context.close();
}
writeReport(report);

function headingColor(page) {
  return page.getByRole("heading", { name: "Pipelines", exact: true }).evaluate((heading) => getComputedStyle(heading).color);
}
