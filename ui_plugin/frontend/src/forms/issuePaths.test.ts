import { describe, expect, it } from "vitest";

import { issue } from "./testing/registryDump";
import { issueText, issuesAt, pathBelow, pathInNode } from "./issuePaths";

describe("issue paths", () => {
  it("reads paths from the spec root and from the node alike", () => {
    expect(pathInNode(issue("nodes[3].config.where", "x"))).toBe("config.where");
    expect(pathInNode(issue("config.where", "x"))).toBe("config.where");
    expect(pathInNode(issue("nodes[12].id", "x"))).toBe("id");
  });

  it("matches a field's own issues, and those below it only when asked", () => {
    const issues = [
      issue("nodes[0].config.keys", "a"),
      issue("nodes[0].config.keys[1]", "b"),
      issue("nodes[0].config.keys_extra", "c"),
      issue("nodes[0].config.csv.delimiter", "d"),
    ];
    expect(issuesAt(issues, ["config", "keys"]).map((found) => found.message)).toEqual(["a"]);
    expect(issuesAt(issues, ["config", "keys"], true).map((found) => found.message)).toEqual(["a", "b"]);
    expect(issuesAt(issues, ["config", "csv"], true).map((found) => found.message)).toEqual(["d"]);
    expect(pathBelow(issues[1]!, ["config", "keys"])).toBe("[1]");
    expect(pathBelow(issues[3]!, ["config"])).toBe("csv.delimiter");
  });

  it("splits an expression error into message, character and marked line", () => {
    const message = "expected a value, found operator '>' (at character 10)\n  amount > > 3\n           ^";
    expect(issueText(message)).toEqual({
      summary: "expected a value, found operator '>'",
      character: 10,
      excerpt: "  amount > > 3\n           ^",
    });
    expect(issueText("String should have at least 1 character")).toEqual({
      summary: "String should have at least 1 character",
      character: null,
      excerpt: null,
    });
  });
});
