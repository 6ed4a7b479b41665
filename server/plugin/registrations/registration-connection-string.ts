/** The connection string as a registration takes it: parsed for its field, its hybrid connection chosen, its safe parts. */
import { HostError } from "../../host/contract";
import { ConnectionStringError, parseConnectionString, type ParsedConnectionString } from "./connection-string";
import { hybridConnectionKey } from "./hybrid-connection-name";
import { keyFingerprint } from "./key-fingerprint";
import { badInput, validHybridConnectionName } from "./registration-input";

/** What `checkRelayConnectionString` returns: only parts that are safe to show. */
export type ConnectionStringCheck =
  | { valid: true; parts: SafeConnectionStringParts }
  | { valid: false; problems: Array<{ field: string; message: string }> };

export interface SafeConnectionStringParts {
  endpoint: string;
  namespace: string;
  keyName: string | null;
  keyFingerprint: string | null;
  entityPath: string | null;
  useDevelopmentEmulator: boolean;
}

/** Parses a connection string for a registration: it must carry a key (a listener renews its own tokens). */
export function parseForInput(connectionString: string): ParsedConnectionString {
  let parsed: ParsedConnectionString;
  try {
    parsed = parseConnectionString(connectionString);
  } catch (error) {
    if (error instanceof ConnectionStringError) {
      throw new HostError("BAD_USER_INPUT", error.message, "connectionString", { cause: error });
    }
    throw error;
  }
  if (!parsed.key || !parsed.keyName) {
    throw badInput(
      "connectionString",
      "This connection string carries a SharedAccessSignature, which expires and cannot be renewed — paste a string with SharedAccessKeyName and SharedAccessKey (Shared access policies > your rule > Primary Connection String).",
    );
  }
  return parsed;
}

export function chooseHybridConnection(parsed: ParsedConnectionString, given: string | null | undefined): string {
  if (given != null && given.trim() !== "") {
    const name = validHybridConnectionName(given);
    if (parsed.entityPath && hybridConnectionKey(parsed.entityPath) !== hybridConnectionKey(name)) {
      throw badInput("hybridConnectionName", `The connection string names hybrid connection ${parsed.entityPath} (EntityPath) — leave this field empty or use the same name.`);
    }
    return name;
  }
  if (parsed.entityPath) return parsed.entityPath;
  throw badInput("hybridConnectionName", "The connection string has no EntityPath — enter the name of the hybrid connection to listen on (Azure portal: Relay namespace > Hybrid Connections).");
}

export function safeParts(parsed: ParsedConnectionString): SafeConnectionStringParts {
  return {
    endpoint: parsed.endpoint,
    namespace: parsed.namespace,
    keyName: parsed.keyName ?? null,
    keyFingerprint: parsed.key ? keyFingerprint(parsed.key) : null,
    entityPath: parsed.entityPath ?? null,
    useDevelopmentEmulator: parsed.useDevelopmentEmulator,
  };
}
