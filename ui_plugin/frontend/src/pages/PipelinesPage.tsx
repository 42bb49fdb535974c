import { Box, Button, EmptyState, Heading, HStack, Input, Spinner, Stack, Text } from "@chakra-ui/react";
import { useEffect, useState } from "react";
import { Link as RouterLink, useSearchParams } from "react-router-dom";

import type { PipelineSort, PipelineListItem } from "../api/pipelines";
import { ListPager } from "../components/ListPager";
import { LoadError } from "../components/LoadError";
import { PipelineTable, type TableOrder } from "../components/PipelineTable";
import { ImportDialog } from "../interchange/ImportDialog";
import { usePermissions } from "../permissions/usePermissions";
import { DeletePipelinesDialog } from "./DeletePipelinesDialog";
import type { DeletionOutcome } from "./pipelineDeletion";
import { SelectionBar } from "./SelectionBar";
import { useDebouncedValue } from "./useDebouncedValue";
import { usePipelineList } from "./usePipelineList";

/** Pipelines per page. */
export const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;
const SORTS: readonly PipelineSort[] = ["id", "name", "updated"];

/**
 * The Pipelines page: every pipeline of the aggregator, searchable, sortable and paged, each
 * linking to the builder. Search, order and page live in the address, so a list can be linked
 * and the back button returns to it. Selected pipelines can be exported or deleted together;
 * New and Import are offered to users who may create pipelines.
 */
export function PipelinesPage() {
  const [params, setParams] = useSearchParams();
  const search = params.get("search") ?? "";
  const offset = Math.max(0, Number.parseInt(params.get("offset") ?? "0", 10) || 0);
  const order = orderOf(params);

  const [typed, setTyped] = useState(search);
  const settled = useDebouncedValue(typed.trim(), SEARCH_DELAY_MS);
  const { state, reload } = usePipelineList({ search, ...order, limit: PAGE_SIZE, offset });
  const { can } = usePermissions();
  const canCreate = can("can_create", "Aggregator Pipelines");
  const [selection, setSelection] = useState<ReadonlyMap<string, PipelineListItem>>(new Map());
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [dialog, setDialog] = useState<"import" | "delete" | undefined>();
  // What the delete dialog works on, fixed when it opens: the selection shrinks as pipelines go.
  const [toDelete, setToDelete] = useState<PipelineListItem[]>([]);

  const select = (pipelines: PipelineListItem[], selected: boolean) =>
    setSelection((current) => {
      const next = new Map(current);
      for (const pipeline of pipelines) {
        if (selected) {
          next.set(pipeline.id, pipeline);
        } else {
          next.delete(pipeline.id);
        }
      }
      return next;
    });

  // Selected pipelines keep the row_version of their latest listing, so a delete refused as
  // stale succeeds once the list has been reloaded.
  useEffect(() => {
    if (state.kind !== "loaded") {
      return;
    }
    setSelection((current) => {
      const changed = state.page.items.filter((item) => current.has(item.id) && current.get(item.id) !== item);
      return changed.length === 0 ? current : new Map([...current, ...changed.map((item) => [item.id, item] as const)]);
    });
  }, [state]);

  const deleted = (outcomes: DeletionOutcome) => {
    const failed = Object.entries(outcomes).filter(([, outcome]) => outcome !== "deleted");
    setRowErrors(Object.fromEntries(failed.map(([id, outcome]) => [id, `Not deleted: ${(outcome as Error).message}`])));
    setSelection((current) => new Map([...current].filter(([id]) => outcomes[id] !== "deleted")));
    reload();
  };

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
        <HStack gap="3" wrap="wrap">
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
          <Button asChild size="sm" variant="outline">
            <RouterLink to="templates">Templates</RouterLink>
          </Button>
          {canCreate ? (
            <>
              <Button size="sm" variant="outline" onClick={() => setDialog("import")}>
                Import
              </Button>
              <Button asChild size="sm" colorPalette="blue">
                <RouterLink to="new">New pipeline</RouterLink>
              </Button>
            </>
          ) : null}
        </HStack>
      </HStack>

      {selection.size > 0 ? (
        <SelectionBar
          ids={[...selection.keys()]}
          canDelete={can("can_delete", "Aggregator Pipelines")}
          onDelete={() => {
            setToDelete([...selection.values()]);
            setDialog("delete");
          }}
          onClear={() => setSelection(new Map())}
        />
      ) : null}

      {state.kind === "failed" ? <LoadError error={state.error} subject="pipelines" onRetry={reload} /> : null}

      {page && page.items.length > 0 ? (
        <>
          <PipelineTable
            pipelines={page.items}
            selection={{ selected: new Set(selection.keys()), onChange: select }}
            rowErrors={rowErrors}
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

      {page && page.items.length === 0 && state.kind === "loaded" ? (
        <NoPipelines search={search} canCreate={canCreate} />
      ) : null}

      <ImportDialog open={dialog === "import"} onClose={() => setDialog(undefined)} onImported={reload} />
      <DeletePipelinesDialog
        pipelines={toDelete}
        open={dialog === "delete"}
        onClose={() => setDialog(undefined)}
        onFinished={deleted}
      />
    </Stack>
  );
}

function orderOf(params: URLSearchParams): TableOrder {
  const asked = params.get("sort");
  const sort = SORTS.find((known) => known === asked) ?? "id";
  return { sort, descending: params.get("descending") === "true" };
}

function NoPipelines({ search, canCreate }: { search: string; canCreate: boolean }) {
  return (
    <EmptyState.Root borderWidth="1px" borderRadius="md">
      <EmptyState.Content>
        <EmptyState.Title>{search ? "No pipeline matches" : "No pipelines yet"}</EmptyState.Title>
        <EmptyState.Description>
          {search
            ? `Nothing has "${search}" in its id, name or description.`
            : "Start from a template: a ready-made pipeline you fill in with your connections and tables."}
        </EmptyState.Description>
        {search ? null : (
          <HStack gap="3">
            <Button asChild size="sm" colorPalette="blue">
              <RouterLink to="templates">Browse templates</RouterLink>
            </Button>
            {canCreate ? (
              <Button asChild size="sm" variant="outline">
                <RouterLink to="new">Start from scratch</RouterLink>
              </Button>
            ) : null}
          </HStack>
        )}
      </EmptyState.Content>
    </EmptyState.Root>
  );
}
