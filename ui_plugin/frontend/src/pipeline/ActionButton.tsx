import { Button, type ButtonProps, Stack, Text } from "@chakra-ui/react";
import { useId } from "react";

interface ActionButtonProps extends Omit<ButtonProps, "disabled"> {
  /** Why the action cannot be taken now; the button is disabled and the reason shown under it. */
  blockedBy: string | null;
}

/** A button that says why it is disabled. */
export function ActionButton({ blockedBy, children, ...props }: ActionButtonProps) {
  const reasonId = useId();
  return (
    <Stack gap="0.5" align="start">
      <Button
        size="sm"
        {...props}
        disabled={blockedBy !== null}
        aria-describedby={blockedBy ? reasonId : undefined}
        title={blockedBy ?? undefined}
      >
        {children}
      </Button>
      {blockedBy ? (
        <Text id={reasonId} fontSize="xs" color="fg.muted" maxW="3xs">
          {blockedBy}
        </Text>
      ) : null}
    </Stack>
  );
}
