import { JsonField } from "./fields/JsonField";

const DESCRIPTION = "Keys this node type does not declare. The spec check reports each; edit or remove them here.";

/** Props of {@link UnknownSettings}. */
export interface UnknownSettingsProps {
  /** The node's whole config. */
  config: Record<string, unknown>;
  /** The keys the node type's schema declares. */
  known: ReadonlySet<string>;
  onConfig: (config: Record<string, unknown>) => void;
}

/**
 * Config keys the node type does not declare (from a newer version, or a typo), as JSON: kept as they
 * are, visible, and editable or removable. Shown only when there are any.
 */
export function UnknownSettings({ config, known, onConfig }: UnknownSettingsProps) {
  const unknown = Object.fromEntries(Object.entries(config).filter(([key]) => !known.has(key)));
  if (Object.keys(unknown).length === 0) {
    return null;
  }
  const replace = (value: unknown) => {
    const kept = Object.fromEntries(Object.entries(config).filter(([key]) => known.has(key)));
    onConfig({ ...kept, ...(typeof value === "object" && value !== null && !Array.isArray(value) ? value : {}) });
  };
  return (
    <JsonField
      name=""
      label="Other settings"
      schema={{ description: DESCRIPTION }}
      path={["config"]}
      value={unknown}
      required={false}
      nullable={false}
      issuesShown="none"
      onValue={replace}
    />
  );
}
