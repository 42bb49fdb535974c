import { Button, ButtonGroup, HStack, Text } from "@chakra-ui/react";

interface ListPagerProps {
  total: number;
  limit: number;
  offset: number;
  onOffsetChange: (offset: number) => void;
}

/** "21–40 of 95" with previous and next buttons. */
export function ListPager({ total, limit, offset, onOffsetChange }: ListPagerProps) {
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <HStack justify="space-between" aria-label="Pages">
      <Text color="fg.muted" fontSize="sm">
        {first}–{last} of {total}
      </Text>
      <ButtonGroup size="sm" variant="outline" attached>
        <Button disabled={offset === 0} onClick={() => onOffsetChange(Math.max(0, offset - limit))}>
          Previous
        </Button>
        <Button disabled={offset + limit >= total} onClick={() => onOffsetChange(offset + limit)}>
          Next
        </Button>
      </ButtonGroup>
    </HStack>
  );
}
