/**
 * Loads and validates plugin.json: JSON Schema first (schema/plugin.schema.json, ajv, all errors),
 * then the cross-field rules a schema cannot express, then the host contract range.
 * Every error names the manifest field path and what is wrong.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2020, { type ErrorObject } from "ajv/dist/2020";
import * as semver from "semver";
import { HOST_CONTRACT_VERSION } from "../contract";
import type { LoadedManifest, PluginManifest } from "./manifest-types";
import { crossFieldProblems } from "./manifest-rules";

/** Where the manifest schema lives (repo `schema/`). */
export const MANIFEST_SCHEMA_PATH = path.resolve(__dirname, "../../../schema/plugin.schema.json");

/** A manifest that cannot be used; `problems` lists each one as `<file>: <path> <what is wrong>`. */
export class ManifestError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "ManifestError";
  }
}

let validator: ReturnType<Ajv2020["compile"]> | undefined;

function validate(data: unknown): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
    validator = ajv.compile(JSON.parse(fs.readFileSync(MANIFEST_SCHEMA_PATH, "utf8")));
  }
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

/** Reads `<dir>/plugin.json`, validates it and checks it accepts `contractVersion`; throws ManifestError. */
export function loadManifest(dir: string, contractVersion = HOST_CONTRACT_VERSION): LoadedManifest {
  const file = path.join(path.resolve(dir), "plugin.json");
  const label = "plugin.json";
  let raw: string;
  try {
    raw = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new ManifestError([`${label}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? "error"})`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    throw new ManifestError([`${label}: not valid JSON (${(error as Error).message})`]);
  }
  return { dir: path.dirname(file), manifest: validateManifest(data, label, contractVersion) };
}

/** Validates parsed manifest data; throws ManifestError with every problem found. */
export function validateManifest(data: unknown, label = "plugin.json", contractVersion = HOST_CONTRACT_VERSION): PluginManifest {
  const schemaErrors = validate(data);
  if (schemaErrors.length > 0) throw new ManifestError(dedupe(schemaErrors.map((e) => `${label}: ${describe(e)}`)));
  const manifest = data as PluginManifest;
  const problems = crossFieldProblems(manifest).map((p) => `${label}: ${p}`);
  if (problems.length > 0) throw new ManifestError(problems);
  checkContract(manifest, label, contractVersion);
  return manifest;
}

function checkContract(manifest: PluginManifest, label: string, contractVersion: string): void {
  const range = manifest.host.contract;
  if (semver.validRange(range) === null) {
    throw new ManifestError([`${label}: /host/contract "${range}" is not a semver range (e.g. "^1.0.0")`]);
  }
  if (!semver.satisfies(contractVersion, range)) {
    throw new ManifestError([
      `${label}: /host/contract "${range}" does not accept this host's contract version ${contractVersion}; ` +
        `plugin "${manifest.id}" needs a host whose contract matches "${range}"`,
    ]);
  }
}

/** One ajv error as `<path> <message>`, e.g. `/contributes/settingsTabs/0/weight must be integer`. */
function describe(error: ErrorObject): string {
  const where = error.instancePath || "/";
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return `${where} has unknown property "${String(params.additionalProperty)}"`;
    case "required":
      return `${joinPath(where, String(params.missingProperty))} is required`;
    case "enum":
      return `${where} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `${where} must be ${JSON.stringify(params.allowedValue)}`;
    case "pattern": {
      // The pattern alone is unreadable; the schema's description says what is expected.
      const hint = (error.parentSchema as { description?: string } | undefined)?.description;
      return `${where} must match pattern "${String(params.pattern)}"${hint ? ` (expected ${hint})` : ""}`;
    }
    default:
      return `${where} ${error.message ?? "is invalid"}`;
  }
}

function joinPath(base: string, key: string): string {
  return base === "/" ? `/${key}` : `${base}/${key}`;
}

function dedupe(lines: string[]): string[] {
  return [...new Set(lines)];
}
