/** The connection string as a registration takes it: parsed for its field, its hybrid connection chosen, its safe parts. */
import { badInput } from "../errors";
import { checkConnectionString, parseConnectionString, type ConnectionStringProblem, type ParsedConnectionString } from "./connection-string";
import { hybridConnectionKey } from "./hybrid-connection-name";
import { keyFingerprint } from "./key-fingerprint";
import { validHybridConnectionName } from "./registration-input";

/**
 * What `checkRelayConnectionString` returns, exactly as the GraphQL type ConnectionStringCheck (which implements
 * it) and so as the tab's generated type: the parts safe to show (null when invalid), or each problem at its key.
 */
export interface ConnectionStringCheck {
  valid: boolean;
  endpoint: string | null;
  namespace: string | null;
  keyName: string | null;
  keyFingerprint: string | null;
  entityPath: string | null;
  useDevelopmentEmulator: boolean;
  problems: ConnectionStringProblem[];
}

/** Checks a connection string without keeping it; never throws for any input. */
export function checkForDisplay(connectionString: string): ConnectionStringCheck {
  const result = checkConnectionString(connectionString);
  if (!result.ok) {
    return { valid: false, endpoint: null, namespace: null, keyName: null, keyFingerprint: null, entityPath: null, useDevelopmentEmulator: false, problems: result.problems };
  }
  const parsed = result.value;
  return {
    valid: true,
    endpoint: parsed.endpoint,
    namespace: parsed.namespace,
    keyName: parsed.keyName ?? null,
    keyFingerprint: parsed.key ? keyFingerprint(parsed.key) : null,
    entityPath: parsed.entityPath ?? null,
    useDevelopmentEmulator: parsed.useDevelopmentEmulator,
    problems: [],
  };
}

/**
 * Parses a connection string for a registration: it must carry a key (a listener renews its own tokens).
 * The parser's ConnectionStringError (BAD_USER_INPUT at connectionString, with every problem) passes through as is.
 */
export function parseForInput(connectionString: string): ParsedConnectionString {
  const parsed = parseConnectionString(connectionString);
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
