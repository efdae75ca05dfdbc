import { readFileSync, writeFileSync } from "node:fs";
import * as z from "zod";
import { billingEventSchemas } from "../../shared/schemas/billing-events.ts";
import { outboundMessageSchema } from "../../shared/schemas/outbound-messages.ts";

/**
 * docs/events.md's field tables are generated from the zod schemas: which fields each message has,
 * which are required, their shape, what they mean, and what applies when an optional one is absent
 * (the `whenAbsent` metadata beside the field's description).
 */
export const eventsDocPath = new URL("../../docs/events.md", import.meta.url);

const startMarker = (name: string) => `<!-- fields of ${name}: generated from its zod schema by \`npm run docs\`; do not edit by hand -->`;
const endMarker = "<!-- end of generated fields -->";

interface JsonSchema {
  readonly type?: string;
  readonly properties?: Record<string, JsonSchema>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly (string | number)[];
  readonly const?: string | number;
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly description?: string;
  readonly whenAbsent?: string;
}

export interface FieldRow {
  readonly field: string;
  readonly required: boolean;
  readonly shape: string;
  readonly meaning: string;
  readonly whenAbsent: string | undefined;
}

const datePattern = /date-time/;

function range(min: number | undefined, max: number | undefined, unit: string): string {
  if (min === undefined && max === undefined) return "";
  if (min !== undefined && max !== undefined) return min === max ? ` of ${min} ${unit}` : ` of ${min}–${max} ${unit}`;
  return min !== undefined ? ` of at least ${min} ${unit}` : ` of at most ${max} ${unit}`;
}

function shapeOf(schema: JsonSchema): string {
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return `one of ${schema.enum.map((value) => `\`${value}\``).join(", ")}`;
  if (schema.type === "string" && schema.format && datePattern.test(schema.format)) return "ISO 8601 date-time with offset";
  if (schema.type === "string" && schema.format === "email") return "e-mail address";
  if (schema.type === "string") {
    const pattern = schema.pattern ? ` matching \`${schema.pattern}\`` : "";
    return `string${range(schema.minLength, schema.maxLength, "characters")}${pattern}`;
  }
  if (schema.type === "integer") {
    const { minimum: min, maximum: max } = schema;
    if (min !== undefined && max !== undefined) return `integer ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}`;
    return "integer";
  }
  if (schema.type === "array") return `array${range(schema.minItems, schema.maxItems, "items")}`;
  if (schema.type === "object") return "object";
  return schema.type ?? "any";
}

function rowsOf(schema: JsonSchema, prefix: string): FieldRow[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([name, field]) => {
    const path = `${prefix}${name}`;
    const row: FieldRow = {
      field: path,
      required: required.has(name),
      shape: shapeOf(field),
      meaning: field.description ?? "",
      whenAbsent: field.whenAbsent,
    };
    const nested = field.type === "array" && field.items?.type === "object" ? rowsOf(field.items, `${path}[].`) : [];
    const inner = field.type === "object" && field.properties ? rowsOf(field, `${path}.`) : [];
    return [row, ...nested, ...inner];
  });
}

/** The fields of one message schema, nested arrays of objects as `lines[].sku`. */
export function fieldRowsOf(schema: z.ZodType): FieldRow[] {
  return rowsOf(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema, "");
}

const escapeCell = (text: string) => text.replaceAll("|", "\\|");

export function fieldTable(schema: z.ZodType): string {
  const header = ["field", "required", "shape", "meaning"];
  const rows = fieldRowsOf(schema).map((row) => [
    `\`${row.field}\``,
    row.required ? "yes" : "no",
    escapeCell(row.shape),
    escapeCell(row.whenAbsent ? `${row.meaning} When absent: ${row.whenAbsent}.` : row.meaning),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column] as number)).join(" | ")} |`;
  return [line(header), `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`, ...rows.map(line)].join("\n");
}

/** Every message the document describes: the billing events' `data` (version 1) and the outbound messages. */
export function documentedMessages(): { readonly name: string; readonly schema: z.ZodType }[] {
  const events = Object.entries(billingEventSchemas).map(([type, versions]) => ({
    name: `${type} v1 data`,
    schema: (versions as Record<number, z.ZodType>)[1] as z.ZodType,
  }));
  const outbound = outboundMessageSchema.options.map((schema) => ({
    name: `${schema.shape.type.value} v${schema.shape.version.value}`,
    schema: schema as z.ZodType,
  }));
  return [...events, ...outbound];
}

/** The document with each message's generated block replaced by the table built from its schema. */
export function renderEventsDoc(document: string): string {
  let rendered = document;
  for (const { name, schema } of documentedMessages()) {
    const start = startMarker(name);
    const from = rendered.indexOf(start);
    const to = rendered.indexOf(endMarker, from);
    if (from < 0 || to < from)
      throw new Error(`docs/events.md lacks the generated field table of ${name}; add under its section:\n${start}\n${endMarker}`);
    rendered = `${rendered.slice(0, from)}${start}\n\n${fieldTable(schema)}\n\n${rendered.slice(to)}`;
  }
  return rendered;
}

export function writeEventsDoc(): void {
  const document = readFileSync(eventsDocPath, "utf8");
  writeFileSync(eventsDocPath, renderEventsDoc(document));
}
