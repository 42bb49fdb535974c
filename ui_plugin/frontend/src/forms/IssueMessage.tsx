import { Box, Button, Code, HStack, Text } from "@chakra-ui/react";

import type { SpecIssue } from "../spec/types";
import { issueText } from "./issuePaths";

/** Props of {@link IssueMessage}. */
export interface IssueMessageProps {
  issue: SpecIssue;
  /** Names the part of the field the issue is about (`item 2`, `total`); shown before the message. */
  where?: string | undefined;
  /** Select the 1-based character the message points at, in the field's input. */
  onLocate?: ((character: number) => void) | undefined;
}

/**
 * One issue under a field: what is wrong and, for expressions, the character it points at (a button
 * that selects it in the input) and the marked line.
 */
export function IssueMessage({ issue, where, onLocate }: IssueMessageProps) {
  const { summary, character, excerpt } = issueText(issue.message);
  return (
    <Box color="fg.error" fontSize="sm">
      <HStack gap="2" wrap="wrap">
        <Text>{where ? `${where}: ${summary}` : summary}</Text>
        {character !== null ? (
          onLocate ? (
            <Button size="2xs" variant="subtle" colorPalette="red" onClick={() => onLocate(character)}>
              at character {character}
            </Button>
          ) : (
            <Text color="fg.muted">at character {character}</Text>
          )
        ) : null}
      </HStack>
      {excerpt ? (
        <Code as="pre" display="block" whiteSpace="pre" overflowX="auto" mt="1" p="1" colorPalette="red">
          {excerpt}
        </Code>
      ) : null}
    </Box>
  );
}
