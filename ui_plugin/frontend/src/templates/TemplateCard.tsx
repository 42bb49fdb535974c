import { Badge, Button, Card, HStack, List, Tag, Text } from "@chakra-ui/react";

import type { TemplateSummary } from "../api/templates";
import { defaultText } from "./parameterValues";

interface TemplateCardProps {
  template: TemplateSummary;
  /** Called by "Use template"; without it the button is not shown (the user may not create pipelines). */
  onUse?: (template: TemplateSummary) => void;
}

/** A template in the gallery: title, id, whether it is built in, description, tags and parameters. */
export function TemplateCard({ template, onUse }: TemplateCardProps) {
  return (
    <Card.Root size="sm" variant="outline" as="article" aria-label={template.title}>
      <Card.Header>
        <HStack justify="space-between" align="start" gap="2">
          <Card.Title>{template.title}</Card.Title>
          {template.builtin ? (
            <Badge colorPalette="blue" variant="subtle">
              built-in
            </Badge>
          ) : (
            <Badge variant="outline" title={template.created_by ? `saved by ${template.created_by}` : undefined}>
              saved
            </Badge>
          )}
        </HStack>
        <Text color="fg.muted" fontSize="xs" fontFamily="mono">
          {template.id}
        </Text>
      </Card.Header>
      <Card.Body gap="3">
        {template.description ? <Card.Description>{template.description}</Card.Description> : null}
        {template.tags.length > 0 ? (
          <HStack gap="1" wrap="wrap">
            {template.tags.map((tag) => (
              <Tag.Root key={tag} size="sm" variant="surface">
                <Tag.Label>{tag}</Tag.Label>
              </Tag.Root>
            ))}
          </HStack>
        ) : null}
        {template.parameters.length > 0 ? (
          <List.Root as="ul" fontSize="sm" ps="4" gap="0.5" aria-label={`Parameters of ${template.title}`}>
            {template.parameters.map((parameter) => (
              <List.Item key={parameter.name} title={parameter.description || undefined}>
                <Text as="span" fontFamily="mono">
                  {parameter.name}
                </Text>{" "}
                <Text as="span" color="fg.muted">
                  {parameter.type}
                  {parameter.required ? ", required" : defaultText(parameter) ? `, default ${defaultText(parameter)}` : ""}
                </Text>
              </List.Item>
            ))}
          </List.Root>
        ) : (
          <Text fontSize="sm" color="fg.muted">
            No parameters.
          </Text>
        )}
      </Card.Body>
      {onUse ? (
        <Card.Footer justifyContent="end">
          <Button size="sm" colorPalette="blue" onClick={() => onUse(template)} aria-label={`Use template ${template.title}`}>
            Use template
          </Button>
        </Card.Footer>
      ) : null}
    </Card.Root>
  );
}
