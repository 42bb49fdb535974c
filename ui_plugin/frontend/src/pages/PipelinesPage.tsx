import { Box, EmptyState, Heading, HStack, Input, Spinner, Stack, Text } from "@chakra-ui/react";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";

import type { PipelineSort } from "../api/pipelines";
import { ListPager } from "../components/ListPager";
import { LoadError } from "../components/LoadError";
import { PipelineTable, type TableOrder } from "../components/PipelineTable";
import { useDebouncedValue } from "./useDebouncedValue";
import { usePipelineList } from "./usePipelineList";

/** Pipelines per page. */
export const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;
const SORTS: readonly PipelineSort[] = ["id", "name", "updated"];

/**
 * The Pipelines page: every pipeline of the aggregator, searchable, sortable and paged.
 * Search, order and page live in the address, so a list can be linked and the back
 * button returns to it.
 */
export function PipelinesPage() {
  const [params, setParams] = useSearchParams();
  const search = params.get("search") ?? "";
  const offset = Math.max(0, Number.parseInt(params.get("offset") ?? "0", 10) || 0);
  const order = orderOf(params);

  const [typed, setTyped] = useState(search);
  const settled = useDebouncedValue(typed.trim(), SEARCH_DELAY_MS);
  const { state, reload } = usePipelineList({ search, ...order, limit: PAGE_SIZE, offset });

  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value === undefined || value === "" || value === "0") {
            next.delete(name);
          } else {
            next.set(name, value);
          }
        }
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    if (settled !== search) {
      update({ search: settled, offset: undefined });
    }
    // Only a newly settled search term changes the address, not every render.
  }, [settled]);

  const page = state.kind === "loaded" ? state.page : state.kind === "loading" ? state.previous : undefined;

  return (
    <Stack gap="4" p="4">
      <HStack justify="space-between" align="end" wrap="wrap" gap="3">
        <Box>
          <Heading size="lg">Pipelines</Heading>
          <Text color="fg.muted" fontSize="sm">
            Designed and published data pipelines.
          </Text>
        </Box>
        <HStack gap="3">
          {state.kind === "loading" ? <Spinner size="sm" aria-label="Loading pipelines" /> : null}
          <Input
            type="search"
            size="sm"
            width="xs"
            placeholder="Search by id, name or description"
            aria-label="Search pipelines"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
        </HStack>
      </HStack>

      {state.kind === "failed" ? <LoadError error={state.error} subject="pipelines" onRetry={reload} /> : null}

      {page && page.items.length > 0 ? (
        <>
          <PipelineTable
            pipelines={page.items}
            order={order}
            onOrderChange={(next: TableOrder) =>
              update({ sort: next.sort, descending: next.descending ? "true" : undefined, offset: undefined })
            }
          />
          <ListPager
            total={page.total}
            limit={page.limit}
            offset={page.offset}
            onOffsetChange={(next) => update({ offset: String(next) })}
          />
        </>
      ) : null}

      {page && page.items.length === 0 && state.kind === "loaded" ? <NoPipelines search={search} /> : null}
    </Stack>
  );
}

function orderOf(params: URLSearchParams): TableOrder {
  const asked = params.get("sort");
  const sort = SORTS.find((known) => known === asked) ?? "id";
  return { sort, descending: params.get("descending") === "true" };
}

function NoPipelines({ search }: { search: string }) {
  return (
    <EmptyState.Root borderWidth="1px" borderRadius="md">
      <EmptyState.Content>
        <EmptyState.Title>{search ? "No pipeline matches" : "No pipelines yet"}</EmptyState.Title>
        <EmptyState.Description>
          {search
            ? `Nothing has "${search}" in its id, name or description.`
            : "Pipelines appear here once they are created, from the API or with the aggregator command."}
        </EmptyState.Description>
      </EmptyState.Content>
    </EmptyState.Root>
  );
}
