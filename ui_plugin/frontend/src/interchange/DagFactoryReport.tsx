import { Box, Code, Heading, List, Stack, Text } from "@chakra-ui/react";

import type { DagFactoryImport } from "../api/interchange";

/**
 * What converting a dag-factory file gave: the report the `aggregator import-dag-factory`
 * command prints (mapped tasks, what did not map), and the DAGs whose spec does not validate.
 */
export function DagFactoryReport({ conversion }: { conversion: DagFactoryImport }) {
  const ids = conversion.pipelines.map((spec) => spec.id);
  return (
    <Stack gap="3">
      <Text>
        {ids.length === 0
          ? "No DAG of the file converts into a valid pipeline."
          : `Converts into ${ids.length} valid pipeline${ids.length === 1 ? "" : "s"}: ${ids.join(", ")}.`}
      </Text>
      <Box>
        <Heading size="sm" mb="1">
          Report
        </Heading>
        <Code as="pre" display="block" whiteSpace="pre-wrap" p="2" maxH="60" overflow="auto" aria-label="Conversion report">
          {conversion.report.join("\n")}
        </Code>
      </Box>
      {conversion.invalid.length > 0 ? (
        <Box>
          <Heading size="sm" mb="1">
            Not converted
          </Heading>
          <List.Root as="ul" ps="4" aria-label="DAGs not converted">
            {conversion.invalid.map((dag) => (
              <List.Item key={dag.dag_id}>
                <Text as="span" fontFamily="mono">
                  {dag.dag_id}
                </Text>
                : {dag.errors.map((error) => `${error.path}: ${error.message}`).join("; ")}
              </List.Item>
            ))}
          </List.Root>
        </Box>
      ) : null}
    </Stack>
  );
}
