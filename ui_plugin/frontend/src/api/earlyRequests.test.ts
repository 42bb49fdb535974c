import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { ApiError, apiUrl, arrivedJson, getJson } from "./client";
import { EARLY_ANSWER_MAX_AGE_MS, forgetEarlyRequests, sendEarly } from "./earlyRequests";
import { firstPaths } from "./firstRequests";

// fetch is the network boundary here: each call answers with the number of the call.
let calls: string[] = [];

beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: URL) => {
      calls.push(String(url));
      return new Response(JSON.stringify({ call: calls.length }), { status: 200 });
    }),
  );
});
afterEach(() => {
  forgetEarlyRequests();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("firstPaths", () => {
  const base = "http://localhost:8080/";
  it.each([
    ["/plugin/pipelines/orders_daily", ["me", "components", "pipelines/orders_daily"]],
    ["/plugin/pipelines/orders%20daily/", ["me", "components", "pipelines/orders%20daily"]],
    ["/plugin/pipelines/new", ["me", "components"]],
    ["/plugin/pipelines", ["me"]],
    ["/plugin/pipelines/", ["me"]],
    ["/plugin/pipelines/templates", ["me"]],
    ["/plugin/pipelines/%E0%A4%A", ["me"]],
    ["/dags/orders_daily", []],
  ])("%s", (pathname, paths) => {
    expect(firstPaths(pathname, base)).toEqual(paths);
  });

  it("follows the base path Airflow is served under", () => {
    expect(firstPaths("/airflow/plugin/pipelines/p1", "http://localhost:8080/airflow/")).toHaveLength(3);
    expect(firstPaths("/plugin/pipelines/p1", "http://localhost:8080/airflow/")).toEqual([]);
  });
});

describe("early answers", () => {
  it("are taken once by the same GET; the next one asks the server", async () => {
    sendEarly(apiUrl("components"));
    expect(calls).toHaveLength(1);
    expect(await getJson("components")).toEqual({ call: 1 });
    expect(calls).toHaveLength(1);
    expect(await getJson("components")).toEqual({ call: 2 });
    expect(calls).toHaveLength(2);
  });

  it("serve only the URL they were sent for", async () => {
    sendEarly(apiUrl("pipelines/a"));
    expect(await getJson("pipelines/b")).toEqual({ call: 2 });
    expect(calls[1]).toBe("http://localhost:8080/aggregator/api/pipelines/b");
  });

  it("are not used once they are old", async () => {
    vi.useFakeTimers();
    sendEarly(apiUrl("me"));
    vi.advanceTimersByTime(EARLY_ANSWER_MAX_AGE_MS + 1);
    expect(await getJson("me")).toEqual({ call: 2 });
  });

  it("are sent again when they failed", async () => {
    let first = true;
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: URL) => {
        calls.push(String(url));
        if (first) {
          first = false;
          throw new TypeError("Failed to fetch");
        }
        return new Response(JSON.stringify({ call: calls.length }), { status: 200 });
      }),
    );
    sendEarly(apiUrl("me"));
    expect(await getJson("me")).toEqual({ call: 2 });
    expect(calls).toHaveLength(2);
  });

  it("give a caller that went away meanwhile its abort", async () => {
    sendEarly(apiUrl("me"));
    const controller = new AbortController();
    const answer = getJson("me", {}, controller.signal);
    controller.abort();
    await expect(answer).rejects.toMatchObject({ name: "AbortError" });
  });
});

/** Let the fake network's answers arrive. */
const arrival = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("arrived answers", () => {
  it("are the bodies of every early GET asked for, once all have arrived; taken, they are gone", async () => {
    sendEarly(apiUrl("me"));
    sendEarly(apiUrl("components"));
    expect(arrivedJson(["me", "components"])).toBeUndefined();
    await arrival();
    // Looked at, they stay; taken, the next GET asks the server.
    expect(arrivedJson(["me", "components"])).toEqual([{ call: 1 }, { call: 2 }]);
    expect(arrivedJson(["me", "components"], { take: true })).toEqual([{ call: 1 }, { call: 2 }]);
    expect(arrivedJson(["me"])).toBeUndefined();
    expect(await getJson("me")).toEqual({ call: 3 });
  });

  it("take none while one of them is missing; the page's GETs still use them", async () => {
    sendEarly(apiUrl("me"));
    await arrival();
    expect(arrivedJson(["me", "components"], { take: true })).toBeUndefined();
    expect(await getJson("me")).toEqual({ call: 1 });
    expect(calls).toHaveLength(1);
  });

  it("are not an error answer: the GET gets the error", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(JSON.stringify({ detail: { error: "not_found", message: "No such pipeline." } }), { status: 404 })),
    );
    sendEarly(apiUrl("pipelines/gone"));
    await arrival();
    expect(arrivedJson(["pipelines/gone"])).toBeUndefined();
    const failed = await getJson("pipelines/gone").catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(ApiError);
    expect(failed).toMatchObject({ status: 404, message: "No such pipeline." });
  });

  it("are not used once they are old", async () => {
    vi.useFakeTimers();
    sendEarly(apiUrl("me"));
    await vi.advanceTimersByTimeAsync(EARLY_ANSWER_MAX_AGE_MS + 1);
    expect(arrivedJson(["me"])).toBeUndefined();
  });
});
