import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

/**
 * Modules that Airflow's UI already holds, with the global each one is published under.
 * The bundle reads them from there, so the page shares React, the router and Airflow's
 * Chakra theme (light and dark) with the host instead of shipping copies.
 */
const SHARED_WITH_AIRFLOW: Record<string, string> = {
  react: "React",
  "react-dom": "ReactDOM",
  "react/jsx-runtime": "ReactJSXRuntime",
  "react-router-dom": "ReactRouterDOM",
  "@chakra-ui/react": "ChakraUI",
  "@emotion/react": "EmotionReact",
};

/** The file the plugin registers as its bundle_url (ui_plugin/plugin.py). */
const BUNDLE_FILE = "aggregator.js";

/**
 * The bundler keeps CommonJS `require()` calls of shared modules (use-sync-external-store, under
 * React Flow) as they are in an IIFE: answer them from the globals Airflow shares.
 */
const REQUIRE_SHARED = `var require = (id) => { var shared = ${JSON.stringify(SHARED_WITH_AIRFLOW)}; if (!(id in shared)) throw new Error("The bundle cannot require " + id); return globalThis[shared[id]]; };`;

export default defineConfig(({ command }) => ({
  plugins: [react()],
  // Libraries' development checks, which a library build would otherwise leave in the bundle.
  define: command === "build" ? { "process.env.NODE_ENV": JSON.stringify("production") } : {},
  build: {
    outDir: "dist",
    emptyOutDir: true,
    reportCompressedSize: true,
    lib: {
      entry: "src/main.tsx",
      // Airflow evaluates the bundle with import() and then reads globalThis.AirflowPlugin.
      // An IIFE reads the shared modules from globals; the footer publishes the component,
      // since a top-level `var` stays local to an ES module. (A UMD wrapper would hand the
      // component to an AMD `define` instead, when a page has loaded one.)
      formats: ["iife"],
      name: "AirflowPlugin",
      fileName: () => BUNDLE_FILE,
    },
    rolldownOptions: {
      external: Object.keys(SHARED_WITH_AIRFLOW),
      output: {
        globals: SHARED_WITH_AIRFLOW,
        exports: "default",
        intro: REQUIRE_SHARED,
        footer: "globalThis.AirflowPlugin = AirflowPlugin;",
      },
    },
  },
  test: {
    environment: "happy-dom",
    environmentOptions: { happyDOM: { url: "http://localhost:8080/" } },
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
  },
}));
