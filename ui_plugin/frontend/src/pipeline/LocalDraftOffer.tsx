import { Alert, Button, HStack } from "@chakra-ui/react";

import type { LocalDraft } from "./localDraft";

const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

interface LocalDraftOfferProps {
  /** The unsaved spec {@link useLocalDraft} found; nothing is shown when null. */
  draft: LocalDraft | null;
  /** Put the unsaved spec back into the editor. */
  onRestore: () => void;
  /** Keep the server's spec and drop the unsaved one. */
  onDiscard: () => void;
}

/** Offers back the edits this browser kept from an earlier visit that were never saved. */
export function LocalDraftOffer({ draft, onRestore, onDiscard }: LocalDraftOfferProps) {
  if (!draft) {
    return null;
  }
  return (
    <Alert.Root status="info" aria-label="Unsaved changes found">
      <Alert.Indicator />
      <Alert.Content>
        <Alert.Title>Unsaved changes found</Alert.Title>
        <Alert.Description>
          This browser kept changes from {TIME_FORMAT.format(new Date(draft.savedAt))} that were never saved.
        </Alert.Description>
      </Alert.Content>
      <HStack alignSelf="center">
        <Button size="sm" onClick={onRestore}>
          Restore my changes
        </Button>
        <Button size="sm" variant="outline" onClick={onDiscard}>
          Discard them
        </Button>
      </HStack>
    </Alert.Root>
  );
}
