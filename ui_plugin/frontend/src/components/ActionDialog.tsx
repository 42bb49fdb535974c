import { Button, CloseButton, Dialog, Portal } from "@chakra-ui/react";
import type { ReactNode } from "react";

interface ActionDialogProps {
  /** The dialog's title, also its accessible name. */
  title: string;
  open: boolean;
  /** Called when the user dismisses the dialog (Escape, the close button, Cancel). */
  onClose: () => void;
  children: ReactNode;
  /** The action buttons, shown after "Cancel" (or "Close" when `done`). */
  actions?: ReactNode;
  /** Whether the work is over: the dismiss button then reads "Close". */
  done?: boolean;
  /** While true the dialog cannot be dismissed, so a running request is not abandoned. */
  busy?: boolean;
  size?: "sm" | "md" | "lg" | "xl";
}

/** A modal dialog with a title, a body and a footer of actions, in Airflow's look. */
export function ActionDialog({ title, open, onClose, children, actions, done, busy, size = "md" }: ActionDialogProps) {
  return (
    <Dialog.Root
      open={open}
      size={size}
      lazyMount
      unmountOnExit
      closeOnInteractOutside={!busy}
      closeOnEscape={!busy}
      onOpenChange={(event) => {
        if (!event.open) {
          onClose();
        }
      }}
    >
      <Portal>
        <Dialog.Backdrop />
        <Dialog.Positioner>
          <Dialog.Content>
            <Dialog.Header>
              <Dialog.Title>{title}</Dialog.Title>
            </Dialog.Header>
            <Dialog.Body>{children}</Dialog.Body>
            <Dialog.Footer>
              <Button variant="outline" onClick={onClose} disabled={busy}>
                {done ? "Close" : "Cancel"}
              </Button>
              {actions}
            </Dialog.Footer>
            <Dialog.CloseTrigger asChild disabled={busy}>
              <CloseButton size="sm" aria-label="Close dialog" />
            </Dialog.CloseTrigger>
          </Dialog.Content>
        </Dialog.Positioner>
      </Portal>
    </Dialog.Root>
  );
}
