import { afterEach, describe, expect, it } from "vitest";

import { apiUrl } from "./client";

afterEach(() => document.querySelector("base")?.remove());

describe("apiUrl", () => {
  it("resolves under the root of Airflow's UI", () => {
    expect(apiUrl("/pipelines").href).toBe("http://localhost:8080/aggregator/api/pipelines");
  });

  it("follows the base path Airflow is served under", () => {
    const base = document.createElement("base");
    base.href = "http://localhost:8080/airflow/";
    document.head.append(base);
    expect(apiUrl("pipelines").pathname).toBe("/airflow/aggregator/api/pipelines");
  });

  it("leaves out empty query values", () => {
    const url = apiUrl("pipelines", { search: "", sort: undefined, limit: 25, descending: false });
    expect(url.search).toBe("?limit=25&descending=false");
  });
});
