/** The connection string as a registration takes it: parsed for its field, its hybrid connection chosen, its safe parts. */
import { checkConnectionString, parseConnectionString, type ConnectionStringProblem, type ParsedConnectionString } from "./connection-string";
import { hybridConnectionKey } from "./hybrid-connection-name";
import { keyFingerprint } from "./key-fingerprint";
import { inputProblem } from "./input-problem-texts";
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
    throw inputProblem("connectionString", "CONNECTION_STRING_SIGNATURE_ONLY");
  }
  return parsed;
}

export function chooseHybridConnection(parsed: ParsedConnectionString, given: string | null | undefined): string {
  if (given != null && given.trim() !== "") {
    const name = validHybridConnectionName(given);
    if (parsed.entityPath && hybridConnectionKey(parsed.entityPath) !== hybridConnectionKey(name)) {
      throw inputProblem("hybridConnectionName", "HYBRID_CONNECTION_NAME_MISMATCH", { entityPath: parsed.entityPath });
    }
    return name;
  }
  if (parsed.entityPath) return parsed.entityPath;
  throw inputProblem("hybridConnectionName", "HYBRID_CONNECTION_NAME_REQUIRED");
}
