/**
 * Manifest rules a JSON Schema cannot express: names prefixed with the plugin's own id, references
 * to declared permissions and elements, valid event payload schemas.
 */
import Ajv2020 from "ajv/dist/2020";
import type { PluginManifest } from "./manifest-types";

/** Every cross-field problem of a schema-valid manifest, each as `<path> <what is wrong>`. */
export function crossFieldProblems(m: PluginManifest): string[] {
  const problems: string[] = [];
  const id = m.id;
  const permissions = new Set((m.contributes?.permissions ?? []).map((p) => p.id));
  const elements = new Set(m.components?.elements ?? []);
  (m.components?.elements ?? []).forEach((el, i) => {
    if (!el.startsWith(`${id}-`)) problems.push(`/components/elements/${i} "${el}" must start with "${id}-"`);
  });
  (m.contributes?.permissions ?? []).forEach((p, i) => {
    if (!p.id.startsWith(`${id}.`)) problems.push(`/contributes/permissions/${i}/id "${p.id}" must start with "${id}."`);
  });
  (m.contributes?.events ?? []).forEach((e, i) => {
    if (!e.id.startsWith(`${id}/`)) problems.push(`/contributes/events/${i}/id "${e.id}" must start with "${id}/"`);
    const schemaProblem = payloadSchemaProblem(e.payloadSchema);
    if (schemaProblem) problems.push(`/contributes/events/${i}/payloadSchema is not a valid JSON Schema: ${schemaProblem}`);
  });
  (m.contributes?.settingsTabs ?? []).forEach((t, i) => {
    if (!elements.has(t.element)) problems.push(`/contributes/settingsTabs/${i}/element "${t.element}" is not listed in /components/elements`);
    if (!permissions.has(t.permission)) problems.push(`/contributes/settingsTabs/${i}/permission "${t.permission}" is not declared in /contributes/permissions`);
  });
  (m.contributes?.systemOperations ?? []).forEach((o, i) => {
    if (!o.id.startsWith(`${id}.`)) problems.push(`/contributes/systemOperations/${i}/id "${o.id}" must start with "${id}."`);
    if (!permissions.has(o.permission)) problems.push(`/contributes/systemOperations/${i}/permission "${o.permission}" is not declared in /contributes/permissions`);
  });
  problems.push(...duplicateIds(m));
  return problems;
}

function duplicateIds(m: PluginManifest): string[] {
  const lists: Array<[string, Array<{ id: string }> | undefined]> = [
    ["settingsTabs", m.contributes?.settingsTabs],
    ["systemOperations", m.contributes?.systemOperations],
    ["events", m.contributes?.events],
    ["permissions", m.contributes?.permissions],
  ];
  const problems: string[] = [];
  for (const [name, list] of lists) {
    const seen = new Set<string>();
    (list ?? []).forEach((item, i) => {
      if (seen.has(item.id)) problems.push(`/contributes/${name}/${i}/id "${item.id}" is declared twice`);
      seen.add(item.id);
    });
  }
  return problems;
}

// Payload schemas are only compiled to prove they are schemas; formats are documentation here.
const payloadAjv = new Ajv2020({ strict: false, validateFormats: false });

function payloadSchemaProblem(schema: Record<string, unknown>): string | undefined {
  try {
    payloadAjv.compile(schema);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    payloadAjv.removeSchema();
  }
}
