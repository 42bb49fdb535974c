import { Alert, Button, Field, Input, Stack, Text } from "@chakra-ui/react";
import { useState } from "react";
import { useNavigate } from "react-router-dom";

import { ApiError } from "../api/client";
import { instantiateTemplate, type TemplateSummary } from "../api/templates";
import { ActionDialog } from "../components/ActionDialog";
import { fieldMessages } from "../components/apiIssues";
import { ParameterField } from "./ParameterField";
import { initialInputs, parameterValues, type ParameterInputs } from "./parameterValues";

interface UseTemplateDialogProps {
  /** The template to fill in; the dialog is open while it is set. */
  template: TemplateSummary | undefined;
  onClose: () => void;
}

/**
 * A form of the template's parameters and the new pipeline's id; creating the pipeline opens it
 * in the builder. The API checks every value and names each one it refuses under its field.
 */
export function UseTemplateDialog({ template, onClose }: UseTemplateDialogProps) {
  // Keyed by template, so each template starts from its own empty form.
  return template ? <TemplateFormDialog key={template.id} template={template} onClose={onClose} /> : null;
}

const FORM_ID = "use-template-form";

function TemplateFormDialog({ template, onClose }: { template: TemplateSummary; onClose: () => void }) {
  const navigate = useNavigate();
  const [pipelineId, setPipelineId] = useState("");
  const [inputs, setInputs] = useState<ParameterInputs>(() => initialInputs(template.parameters));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [creating, setCreating] = useState(false);

  const submit = async () => {
    const id = pipelineId.trim();
    if (!id) {
      setErrors({ pipeline_id: "Give the new pipeline an id: it becomes the DAG id." });
      return;
    }
    setCreating(true);
    setErrors({});
    setFailure(undefined);
    try {
      const result = await instantiateTemplate(template.id, {
        parameters: parameterValues(template.parameters, inputs),
        pipeline_id: id,
        create: true,
      });
      navigate(`../${encodeURIComponent(result.pipeline?.id ?? id)}`, { relative: "path" });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, String(error));
      const messages = fieldMessages(apiError);
      setErrors(messages);
      if (!Object.keys(messages).some(isFormField(template))) {
        setFailure(apiError);
      }
      setCreating(false);
    }
  };

  return (
    <ActionDialog
      title={`New pipeline from "${template.title}"`}
      open
      onClose={onClose}
      busy={creating}
      size="lg"
      actions={
        <Button type="submit" form={FORM_ID} colorPalette="blue" loading={creating}>
          Create pipeline
        </Button>
      }
    >
      <form
        id={FORM_ID}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
        aria-label="Template parameters"
      >
        <Stack gap="4">
          {template.description ? <Text color="fg.muted">{template.description}</Text> : null}
          <Field.Root invalid={errors.pipeline_id !== undefined} required disabled={creating}>
            <Field.Label>
              Pipeline id <Field.RequiredIndicator />
            </Field.Label>
            <Input
              size="sm"
              fontFamily="mono"
              value={pipelineId}
              placeholder="orders_daily"
              onChange={(event) => setPipelineId(event.target.value)}
            />
            <Field.HelperText>Letters, digits, _ . and -; it becomes the DAG id.</Field.HelperText>
            {errors.pipeline_id ? <Field.ErrorText>{errors.pipeline_id}</Field.ErrorText> : null}
          </Field.Root>
          {template.parameters.map((parameter) => (
            <ParameterField
              key={parameter.name}
              parameter={parameter}
              value={inputs[parameter.name] ?? ""}
              error={errors[`parameters.${parameter.name}`]}
              disabled={creating}
              onChange={(value) => setInputs((current) => ({ ...current, [parameter.name]: value }))}
            />
          ))}
          {failure ? (
            <Alert.Root status="error">
              <Alert.Indicator />
              <Alert.Content>
                <Alert.Title>The pipeline was not created</Alert.Title>
                <Alert.Description>{failure.message}</Alert.Description>
              </Alert.Content>
            </Alert.Root>
          ) : null}
        </Stack>
      </form>
    </ActionDialog>
  );
}

/** Whether an error field is one the form shows beside an input. */
function isFormField(template: TemplateSummary): (field: string) => boolean {
  const fields = new Set(["pipeline_id", ...template.parameters.map((parameter) => `parameters.${parameter.name}`)]);
  return (field) => fields.has(field);
}
