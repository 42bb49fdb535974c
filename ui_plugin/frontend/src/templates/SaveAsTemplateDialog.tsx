import { Alert, Button, Field, HStack, IconButton, Input, Link, Stack, Text, Textarea } from "@chakra-ui/react";
import { useEffect, useId, useState } from "react";
import { Link as RouterLink } from "react-router-dom";

import { ApiError } from "../api/client";
import { getPipeline } from "../api/components";
import { createTemplateFromPipeline, type TemplateSummary } from "../api/templates";
import { ActionDialog } from "../components/ActionDialog";
import { fieldMessages } from "../components/apiIssues";
import { usePermissions } from "../permissions/usePermissions";
import { valuePaths, type ValuePath } from "./valuePaths";

/** Props of {@link SaveAsTemplateDialog}. */
export interface SaveAsTemplateDialogProps {
  /** The pipeline whose saved draft becomes the template. */
  pipelineId: string;
  open: boolean;
  onClose: () => void;
}

interface ParameterRow {
  key: number;
  name: string;
  path: string;
}

const FORM_ID = "save-as-template-form";

/**
 * Save a pipeline's draft as a template: values chosen by path (`nodes[0].config.table`) become
 * parameters, their current values the defaults. Needs can_create on Aggregator Templates.
 */
export function SaveAsTemplateDialog({ pipelineId, open, onClose }: SaveAsTemplateDialogProps) {
  return open ? <SaveAsTemplateForm pipelineId={pipelineId} onClose={onClose} /> : null;
}

function SaveAsTemplateForm({ pipelineId, onClose }: { pipelineId: string; onClose: () => void }) {
  const { loading, can } = usePermissions();
  const allowed = can("can_create", "Aggregator Templates");
  const suggestions = useValuePaths(pipelineId);
  const listId = useId();
  const [templateId, setTemplateId] = useState(`${pipelineId}_template`);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [rows, setRows] = useState<ParameterRow[]>([{ key: 0, name: "", path: "" }]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<TemplateSummary | undefined>();

  const setRow = (key: number, change: Partial<ParameterRow>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const submit = async () => {
    const missing: Record<string, string> = {};
    if (!templateId.trim()) {
      missing.template_id = "Give the template an id.";
    }
    if (!title.trim()) {
      missing.title = "Give the template a title.";
    }
    setErrors(missing);
    setFailure(undefined);
    if (Object.keys(missing).length > 0) {
      return;
    }
    setSaving(true);
    const parameters = Object.fromEntries(
      rows.filter((row) => row.name.trim() && row.path.trim()).map((row) => [row.name.trim(), row.path.trim()]),
    );
    try {
      setSaved(
        await createTemplateFromPipeline(pipelineId, {
          template_id: templateId.trim(),
          title: title.trim(),
          ...(description.trim() ? { description: description.trim() } : {}),
          parameters,
        }),
      );
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, String(error));
      const messages = fieldMessages(apiError);
      setErrors(messages);
      const shown = ["template_id", "title", "description", ...Object.keys(parameters).map((name) => `parameters.${name}`)];
      if (!Object.keys(messages).some((field) => shown.includes(field))) {
        setFailure(apiError);
      }
    } finally {
      setSaving(false);
    }
  };

  const canSave = allowed && !saved;
  return (
    <ActionDialog
      title="Save as template"
      open
      onClose={onClose}
      busy={saving}
      done={saved !== undefined}
      size="lg"
      actions={
        canSave ? (
          <Button type="submit" form={FORM_ID} colorPalette="blue" loading={saving}>
            Save template
          </Button>
        ) : null
      }
    >
      {loading ? <Text color="fg.muted">Checking your permissions…</Text> : null}
      {!loading && !allowed ? (
        <Alert.Root status="warning">
          <Alert.Indicator />
          <Alert.Description>
            Saving a template needs can_create on Aggregator Templates; ask an Airflow admin to grant it to one of your
            roles.
          </Alert.Description>
        </Alert.Root>
      ) : null}
      {saved ? (
        <Alert.Root status="success">
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Title>Saved template "{saved.title}" ({saved.id})</Alert.Title>
            <Alert.Description>
              <Link asChild color="fg.info">
                <RouterLink to="../templates" relative="path">
                  Open the templates gallery
                </RouterLink>
              </Link>
            </Alert.Description>
          </Alert.Content>
        </Alert.Root>
      ) : null}
      {canSave && !loading ? (
        <form
          id={FORM_ID}
          noValidate
          aria-label="Template"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <Stack gap="4">
            <Field.Root invalid={errors.template_id !== undefined} required disabled={saving}>
              <Field.Label>
                Template id <Field.RequiredIndicator />
              </Field.Label>
              <Input size="sm" fontFamily="mono" value={templateId} onChange={(event) => setTemplateId(event.target.value)} />
              {errors.template_id ? <Field.ErrorText>{errors.template_id}</Field.ErrorText> : null}
            </Field.Root>
            <Field.Root invalid={errors.title !== undefined} required disabled={saving}>
              <Field.Label>
                Title <Field.RequiredIndicator />
              </Field.Label>
              <Input size="sm" value={title} onChange={(event) => setTitle(event.target.value)} />
              {errors.title ? <Field.ErrorText>{errors.title}</Field.ErrorText> : null}
            </Field.Root>
            <Field.Root invalid={errors.description !== undefined} disabled={saving}>
              <Field.Label>Description</Field.Label>
              <Textarea size="sm" rows={2} value={description} onChange={(event) => setDescription(event.target.value)} />
              <Field.HelperText>The pipeline's description when left empty.</Field.HelperText>
            </Field.Root>
            <Stack gap="2" role="group" aria-label="Parameters">
              <Text fontWeight="medium" fontSize="sm">
                Parameters
              </Text>
              <Text color="fg.muted" fontSize="sm">
                Each names a value of the pipeline, by its path; its current value becomes the default.
              </Text>
              {rows.map((row, index) => (
                <ParameterRowFields
                  key={row.key}
                  row={row}
                  number={index + 1}
                  listId={listId}
                  error={errors[`parameters.${row.name.trim()}`]}
                  disabled={saving}
                  onChange={(change) => setRow(row.key, change)}
                  onRemove={() => setRows((current) => current.filter((other) => other.key !== row.key))}
                />
              ))}
              <Button
                size="xs"
                variant="outline"
                alignSelf="start"
                disabled={saving}
                onClick={() => setRows((current) => [...current, { key: Date.now() + current.length, name: "", path: "" }])}
              >
                Add parameter
              </Button>
              <datalist id={listId}>
                {suggestions.map((suggestion) => (
                  <option key={suggestion.path} value={suggestion.path} label={`${suggestion.path} = ${suggestion.value}`} />
                ))}
              </datalist>
            </Stack>
            {failure ? (
              <Alert.Root status="error">
                <Alert.Indicator />
                <Alert.Content>
                  <Alert.Title>The template was not saved</Alert.Title>
                  <Alert.Description>{failure.message}</Alert.Description>
                </Alert.Content>
              </Alert.Root>
            ) : null}
          </Stack>
        </form>
      ) : null}
    </ActionDialog>
  );
}

interface ParameterRowFieldsProps {
  row: ParameterRow;
  number: number;
  listId: string;
  error: string | undefined;
  disabled: boolean;
  onChange: (change: Partial<ParameterRow>) => void;
  onRemove: () => void;
}

function ParameterRowFields({ row, number, listId, error, disabled, onChange, onRemove }: ParameterRowFieldsProps) {
  return (
    <Field.Root invalid={error !== undefined} disabled={disabled}>
      <HStack gap="2" width="full">
        <Input
          size="sm"
          width="40%"
          fontFamily="mono"
          placeholder="table"
          aria-label={`Name of parameter ${number}`}
          value={row.name}
          onChange={(event) => onChange({ name: event.target.value })}
        />
        <Input
          size="sm"
          fontFamily="mono"
          placeholder="nodes[0].config.table"
          list={listId}
          aria-label={`Path of parameter ${number}`}
          value={row.path}
          onChange={(event) => onChange({ path: event.target.value })}
        />
        <IconButton size="sm" variant="ghost" aria-label={`Remove parameter ${number}`} onClick={onRemove}>
          ×
        </IconButton>
      </HStack>
      {error ? <Field.ErrorText>{error}</Field.ErrorText> : null}
    </Field.Root>
  );
}

/** The values of the pipeline's draft that can become parameters; none until (or unless) it loads. */
function useValuePaths(pipelineId: string): ValuePath[] {
  const [paths, setPaths] = useState<ValuePath[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    getPipeline(pipelineId, controller.signal).then(
      (pipeline) => setPaths(valuePaths(pipeline.draft_spec)),
      // Suggestions only: without them, paths are typed by hand and the API checks them.
      () => undefined,
    );
    return () => controller.abort();
  }, [pipelineId]);
  return paths;
}
