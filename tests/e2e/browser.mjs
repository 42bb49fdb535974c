// What the browser scripts share: Playwright's client from ui_plugin/frontend's npm packages,
// the system's Chromium, and signing in through FAB's login page.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const frontend = fileURLToPath(new URL("../../ui_plugin/frontend/package.json", import.meta.url));
export const { chromium } = createRequire(frontend)("playwright-core");

export const TIMEOUT_MS = 60_000;
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** The browser context of every page: fixed size, language, time zone and colour scheme. */
export const CONTEXT_OPTIONS = {
  viewport: { width: 1280, height: 800 },
  locale: "en-US",
  timezoneId: "UTC",
  colorScheme: "light",
};

/** The script's options: one JSON argument. */
export function scriptOptions() {
  return JSON.parse(process.argv[2]);
}

/** Write the script's report as one JSON line on stdout. */
export function writeReport(report) {
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/** Collect the page's console errors and uncaught exceptions into `report`. */
export function recordErrors(page, report) {
  report.consoleErrors ??= [];
  report.pageErrors ??= [];
  page.on("console", (message) => {
    if (message.type() === "error") report.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => report.pageErrors.push(String(error)));
}

/**
 * Open `path` signed out, sign in on FAB's login page and wait until Airflow shows `path`.
 * Returns the login page's path.
 */
export async function signIn(page, { url, path, username, password }) {
  await page.goto(`${url}${path}`);
  await page.waitForURL(/\/auth\/login\//);
  const loginPath = new URL(page.url()).pathname;
  await page.fill("#username", username);
  await page.fill("#password", password);
  const target = new RegExp(path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  await Promise.all([page.waitForURL(target), page.click("input[type=submit]")]);
  return loginPath;
}

/** Switch Airflow's colour mode: it keeps the mode in localStorage ("theme"), as next-themes does. */
export async function setColorMode(page, mode) {
  await page.evaluate((theme) => localStorage.setItem("theme", theme), mode);
  await page.reload();
}
