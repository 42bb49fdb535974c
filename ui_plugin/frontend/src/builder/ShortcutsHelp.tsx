import { Button, Kbd, Popover, Portal, Table } from "@chakra-ui/react";

import { SHORTCUTS } from "./useBuilderShortcuts";

/** A button opening the list of the canvas's keyboard shortcuts. */
export function ShortcutsHelp() {
  return (
    <Popover.Root positioning={{ placement: "bottom-end" }}>
      <Popover.Trigger asChild>
        <Button size="sm" variant="ghost" aria-label="Keyboard shortcuts">
          ⌨
        </Button>
      </Popover.Trigger>
      <Portal>
        <Popover.Positioner>
          <Popover.Content width="sm">
            <Popover.Arrow />
            <Popover.Body>
              <Popover.Title fontWeight="medium" mb="2">
                Keyboard shortcuts
              </Popover.Title>
              <Table.Root size="sm" variant="line">
                <Table.Body>
                  {SHORTCUTS.map((shortcut) => (
                    <Table.Row key={shortcut.keys}>
                      <Table.Cell>
                        <Kbd size="sm">{shortcut.keys}</Kbd>
                      </Table.Cell>
                      <Table.Cell>{shortcut.does}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table.Root>
            </Popover.Body>
          </Popover.Content>
        </Popover.Positioner>
      </Portal>
    </Popover.Root>
  );
}
