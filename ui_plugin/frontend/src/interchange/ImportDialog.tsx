import { Button, Field, HStack, NativeSelect, Stack, Text } from "@chakra-ui/react";
import { useRef, useState } from "react";

import { ApiError } from "../api/client";
import {
  importDagFactory,
  importPipelines,
  type DagFactoryImport,
  type ImportResult,
  type OnConflict,
} from "../api/interchange";
import { ActionDialog } from "../components/ActionDialog";
import { DagFactoryReport } from "./DagFactoryReport";
import { ImportIssues } from "./ImportIssues";
import { ImportOutcome } from "./ImportOutcome";
import { guessImportKind, type ImportKind } from "./importKind";

interface ImportDialogProps {
  open: boolean;
  onClose: () => void;
  /** Called with the ids of the pipelines an import created. */
  onImported: (created: string[]) => void;
}

type Step =
  | { kind: "choosing" }
  | { kind: "running" }
  | { kind: "failed"; error: ApiError; create: Creation | undefined }
  | { kind: "converted"; conversion: DagFactoryImport }
  | { kind: "imported"; result: ImportResult | DagFactoryImport };

/** A request that stores pipelines, repeatable with another answer to taken ids. */
type Creation = (onConflict: OnConflict) => Promise<ImportResult | DagFactoryImport>;

const ACCEPT = ".json,.yaml,.yml,application/json,application/yaml,text/yaml";

/**
 * Import pipelines from a file: aggregator spec documents (JSON or YAML) are created at once;
 * a dag-factory YAML file is first converted and its report shown, then created on confirmation.
 * A taken id refuses the whole import; the user may then import the rest, skipping it.
 */
export function ImportDialog({ open, onClose, onImported }: ImportDialogProps) {
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; content: string } | undefined>();
  const [kind, setKind] = useState<ImportKind>("specs");
  const [step, setStep] = useState<Step>({ kind: "choosing" });
  const running = step.kind === "running";

  const close = () => {
    setFile(undefined);
    setStep({ kind: "choosing" });
    onClose();
  };

  const choose = async (chosen: File | undefined) => {
    if (!chosen) {
      return;
    }
    const content = await chosen.text();
    setFile({ name: chosen.name, content });
    setKind(guessImportKind(content));
    setStep({ kind: "choosing" });
  };

  const create = async (creation: Creation, onConflict: OnConflict) => {
    setStep({ kind: "running" });
    try {
      const result = await creation(onConflict);
      setStep({ kind: "imported", result });
      if (result.created.length > 0) {
        onImported(result.created);
      }
    } catch (error) {
      setStep({ kind: "failed", error: asApiError(error), create: creation });
    }
  };

  const start = async () => {
    if (!file) {
      return;
    }
    const { content } = file;
    if (kind === "specs") {
      await create((onConflict) => importPipelines(content, onConflict), "fail");
      return;
    }
    setStep({ kind: "running" });
    try {
      setStep({ kind: "converted", conversion: await importDagFactory(content, false, "fail") });
    } catch (error) {
      setStep({ kind: "failed", error: asApiError(error), create: undefined });
    }
  };

  const createConverted = () =>
    create((onConflict) => importDagFactory(file?.content ?? "", true, onConflict), "fail");

  const actions = (() => {
    if (step.kind === "converted") {
      const count = step.conversion.pipelines.length;
      return count > 0 ? (
        <Button colorPalette="blue" onClick={() => void createConverted()}>
          Create {count} pipeline{count === 1 ? "" : "s"}
        </Button>
      ) : null;
    }
    if (step.kind === "failed" && step.error.status === 409 && step.create) {
      const retry = step.create;
      return (
        <Button colorPalette="blue" onClick={() => void create(retry, "skip")}>
          Import the others, skipping taken ids
        </Button>
      );
    }
    if (step.kind === "imported") {
      return null;
    }
    return (
      <Button colorPalette="blue" loading={running} disabled={!file} onClick={() => void start()}>
        {kind === "specs" ? "Import" : "Convert"}
      </Button>
    );
  })();

  return (
    <ActionDialog
      title="Import pipelines"
      open={open}
      onClose={close}
      busy={running}
      done={step.kind === "imported"}
      actions={actions}
      size="lg"
    >
      <Stack gap="4">
        <HStack gap="3">
          <Button variant="outline" size="sm" onClick={() => input.current?.click()} disabled={running}>
            Choose file
          </Button>
          <Text color={file ? "fg" : "fg.muted"} fontSize="sm">
            {file ? file.name : "A JSON or YAML file of specs, or a dag-factory YAML file"}
          </Text>
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            hidden
            aria-label="File to import"
            onChange={(event) => void choose(event.target.files?.[0])}
          />
        </HStack>
        <Field.Root disabled={!file || running || step.kind === "converted"}>
          <Field.Label>The file holds</Field.Label>
          <NativeSelect.Root size="sm">
            <NativeSelect.Field value={kind} onChange={(event) => setKind(event.target.value as ImportKind)}>
              <option value="specs">Aggregator pipeline specs (JSON or YAML)</option>
              <option value="dag-factory">dag-factory DAGs (YAML)</option>
            </NativeSelect.Field>
            <NativeSelect.Indicator />
          </NativeSelect.Root>
        </Field.Root>
        {step.kind === "running" ? <Text color="fg.muted">Working…</Text> : null}
        {step.kind === "failed" ? <ImportIssues error={step.error} /> : null}
        {step.kind === "converted" ? <DagFactoryReport conversion={step.conversion} /> : null}
        {step.kind === "imported" ? (
          <>
            {"report" in step.result ? <DagFactoryReport conversion={step.result} /> : null}
            <ImportOutcome result={step.result} />
          </>
        ) : null}
      </Stack>
    </ActionDialog>
  );
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, String(error));
}
