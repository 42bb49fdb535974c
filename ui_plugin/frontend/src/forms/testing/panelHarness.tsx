/**
 * Rendering the node form in tests the way the builder hosts it: the node lives in the caller's
 * state, and every change the form reports becomes the next node it is given.
 */
import { ChakraProvider, defaultSystem } from "@chakra-ui/react";
import { render } from "@testing-library/react";
import { useState } from "react";

import type { ConnectionInfo } from "../../api/connections";
import type { ComponentInfo, NodeSpec, SpecIssue } from "../../spec/types";
import { type Answer, fakeFetch } from "../../testing/fakeApi";
import { NodeConfigPanel } from "../NodeConfigPanel";
import functions from "./functions.json";
import { componentNamed } from "./registryDump";

/** Options of {@link renderPanel}. */
export interface PanelOptions {
  issues?: SpecIssue[];
  readOnly?: boolean;
  upstreamColumns?: string[];
  columnsSource?: string;
  /** The node type, when not the registry's type of the node (a custom type). */
  component?: ComponentInfo;
}

/** Render the panel for `node`; `changes` holds every node it reported, `latest()` the last one. */
export function renderPanel(node: NodeSpec, options: PanelOptions = {}) {
  const changes: NodeSpec[] = [];
  function Host() {
    const [current, setCurrent] = useState(node);
    return (
      <NodeConfigPanel
        node={current}
        component={options.component ?? componentNamed(node.type)}
        upstreamColumns={options.upstreamColumns}
        columnsSource={options.columnsSource}
        issues={options.issues ?? []}
        readOnly={options.readOnly ?? false}
        onChange={(next) => {
          changes.push(next);
          setCurrent(next);
        }}
      />
    );
  }
  const view = render(
    <ChakraProvider value={defaultSystem}>
      <Host />
    </ChakraProvider>,
  );
  const latest = (): NodeSpec => {
    const last = changes.at(-1);
    if (!last) {
      throw new Error("the panel reported no change");
    }
    return last;
  };
  return { ...view, changes, latest };
}

/**
 * Fake the network for the panel: connections, connection tests and the catalogue answer as the
 * API does; `overrides` answer first (return undefined to fall through).
 */
export function fakePanelApi(overrides: (url: URL, init: RequestInit) => Answer | undefined = () => undefined) {
  const faked = fakeFetch((url) => {
    // fakeFetch records the request's init before asking for its answer.
    const override = overrides(url, faked.inits.at(-1) ?? {});
    if (override !== undefined) {
      return override;
    }
    if (url.pathname.endsWith("/catalogue")) {
      return { status: 200, body: { functions, transforms: [] } };
    }
    if (url.pathname.endsWith("/connections")) {
      return { status: 200, body: connectionPage(url.searchParams.get("node_type")) };
    }
    return { status: 404, body: { detail: { error: "not_found", message: `no route ${url.pathname}` } } };
  });
  return faked;
}

/** The connections a PostgreSQL-using node type sees in these tests. */
export function connectionPage(nodeType: string | null) {
  return {
    items: [
      connection("shop_pg", "db.shop.internal", "metadata_db"),
      connection("dwh_pg", "dwh.internal", "environment"),
    ],
    total: 2,
    limit: 200,
    offset: 0,
    node_type: nodeType,
    conn_types: ["aggregator_mysql", "mysql", "postgres", "sqlite"],
  };
}

function connection(connId: string, host: string, source: string): ConnectionInfo {
  return { conn_id: connId, conn_type: "postgres", host, port: 5432, schema: null, description: null, source };
}
