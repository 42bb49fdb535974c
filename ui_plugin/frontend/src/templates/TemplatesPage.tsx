import { Alert, Box, Button, Heading, HStack, SimpleGrid, Spinner, Stack, Text } from "@chakra-ui/react";
import { useState } from "react";
import { Link as RouterLink } from "react-router-dom";

import type { TemplateSummary } from "../api/templates";
import { ListPager } from "../components/ListPager";
import { LoadError } from "../components/LoadError";
import { usePermissions } from "../permissions/usePermissions";
import { TemplateCard } from "./TemplateCard";
import { UseTemplateDialog } from "./UseTemplateDialog";
import { useTemplateList } from "./useTemplateList";

/** Templates per page of the gallery. */
export const TEMPLATES_PAGE_SIZE = 24;

/**
 * The templates gallery: the built-in templates, then those users saved. "Use template" asks for
 * the template's parameters and a pipeline id, creates the pipeline and opens it in the builder.
 */
export function TemplatesPage() {
  const [offset, setOffset] = useState(0);
  const { state, reload } = useTemplateList(TEMPLATES_PAGE_SIZE, offset);
  const { loading, can } = usePermissions();
  const canCreate = can("can_create", "Aggregator Pipelines");
  const [using, setUsing] = useState<TemplateSummary | undefined>();

  return (
    <Stack gap="4" p="4">
      <HStack justify="space-between" align="end" wrap="wrap" gap="3">
        <Box>
          <Heading size="lg">Templates</Heading>
          <Text color="fg.muted" fontSize="sm">
            Ready-made pipelines: fill in the parameters to create your own.
          </Text>
        </Box>
        <HStack gap="3">
          {state.kind === "loading" ? <Spinner size="sm" aria-label="Loading templates" /> : null}
          <Button asChild size="sm" variant="outline">
            <RouterLink to=".." relative="path">
              All pipelines
            </RouterLink>
          </Button>
        </HStack>
      </HStack>

      {!loading && !canCreate ? (
        <Alert.Root status="info">
          <Alert.Indicator />
          <Alert.Description>
            Creating a pipeline from a template needs can_create on Aggregator Pipelines; ask an Airflow admin to grant
            it to one of your roles.
          </Alert.Description>
        </Alert.Root>
      ) : null}

      {state.kind === "failed" ? <LoadError error={state.error} subject="templates" onRetry={reload} /> : null}

      {state.kind === "loaded" ? (
        <>
          {state.page.items.length === 0 ? <Text color="fg.muted">There are no templates.</Text> : null}
          <SimpleGrid columns={{ base: 1, md: 2, xl: 3 }} gap="4">
            {state.page.items.map((template) => (
              <TemplateCard key={template.id} template={template} {...(canCreate ? { onUse: setUsing } : {})} />
            ))}
          </SimpleGrid>
          {state.page.total > state.page.limit ? (
            <ListPager
              total={state.page.total}
              limit={state.page.limit}
              offset={state.page.offset}
              onOffsetChange={setOffset}
            />
          ) : null}
        </>
      ) : null}

      <UseTemplateDialog template={using} onClose={() => setUsing(undefined)} />
    </Stack>
  );
}
