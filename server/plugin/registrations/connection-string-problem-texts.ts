/**
 * Every problem the connection-string parser reports, by stable code, with its English text (`{placeholders}` filled
 * from the problem's params). The code and params go to clients (ConnectionStringProblem.code/.params) so the tab says
 * the same in the admin's language: components/src/i18n/server-messages.*.ts hold `problem.<CODE>` for each, and
 * test/components/server-messages.test.ts fails when one is missing or the English text differs from this one.
 * Params never hold a secret: names are echoed only when echoName() allows it, characters only as U+XXXX.
 */
const COPY = "copy the Primary Connection String from Shared access policies";
const PASTE = "paste the Primary Connection String from Shared access policies";
const EXAMPLE = "sb://<namespace>.servicebus.windows.net/";
const NAME_EXAMPLE = "e.g. ecs-core or team/orders";
const INVISIBLE = "contains a control or invisible character ({character}) — paste it again as one line, without tabs or line breaks";
const NOT_KEY_VALUE = "not Key=Value — each ';'-separated part must be a key, '=' and a value";
const ALTERNATIVE = "(or give a SharedAccessSignature instead of a key)";
const KEYS_OF_A_STRING = "a Relay connection string has Endpoint, SharedAccessKeyName and SharedAccessKey (or SharedAccessSignature), and optionally EntityPath and UseDevelopmentEmulator";

/** The hybrid connection name rules, as phrases after a subject (EntityPath, or the hybrid connection name field). */
export const NAME_RULES = {
  EMPTY: "must not be empty — give the hybrid connection's name",
  TOO_LONG: "must be at most {max} characters (this one has {length})",
  CHARACTERS: `may contain only letters, digits, '-', '_', '.' and '/' (found {character} at position {position}; ${NAME_EXAMPLE})`,
  EDGES: `must start and end with a letter or digit (${NAME_EXAMPLE})`,
  EMPTY_SEGMENT: `must not contain '//' — each '/'-separated part needs a name (${NAME_EXAMPLE})`,
  DOT_SEGMENT: `must not have a '{segment}' part — dot segments are path navigation, not names (${NAME_EXAMPLE})`,
} as const;
export type NameRule = keyof typeof NAME_RULES;

const entityPathTexts = Object.fromEntries(Object.entries(NAME_RULES).map(([rule, phrase]) => [`ENTITY_PATH_${rule}`, `EntityPath ${phrase}`])) as {
  [R in NameRule as `ENTITY_PATH_${R}`]: `EntityPath ${(typeof NAME_RULES)[R]}`;
};

export const CONNECTION_STRING_PROBLEM_TEXTS = {
  // The string as a whole (field `connectionString`).
  CONNECTION_STRING_NOT_TEXT: "The connection string must be text",
  CONNECTION_STRING_TOO_LONG: "The connection string is {length} characters long; at most {max} are allowed — paste only the Primary Connection String",
  CONNECTION_STRING_QUOTED: "The connection string is wrapped in quotes — remove them",
  CONNECTION_STRING_EMPTY: `The connection string is empty — ${PASTE}`,
  CONNECTION_STRING_NO_PARTS: `The connection string has no Key=Value parts — ${PASTE}`,
  CONNECTION_STRING_UNREADABLE: "The connection string could not be read — copy it again from Shared access policies",
  CONNECTION_STRING_MORE_PROBLEMS: "…and {count} more problems",
  CONNECTION_STRING_INVISIBLE_CHARACTER: `The connection string ${INVISIBLE}`,
  CONNECTION_STRING_SEGMENT_NOT_KEY_VALUE: `Segment {segment} is ${NOT_KEY_VALUE}`,
  CONNECTION_STRING_SEGMENTS_NOT_KEY_VALUE: `Segments {segments} are ${NOT_KEY_VALUE}`,
  CONNECTION_STRING_SEGMENTS_NOT_KEY_VALUE_MORE: `Segments {segments} and {more} more are ${NOT_KEY_VALUE}`,
  CONNECTION_STRING_MORE_UNKNOWN_KEYS: "…and {count} more unknown keys — is this a Relay connection string?",
  // Keys of the string (field: the key).
  CONNECTION_STRING_KEY_INVISIBLE_CHARACTER: `{field} ${INVISIBLE}`,
  CONNECTION_STRING_DUPLICATE_KEY: "{field} appears {count} times — keep exactly one",
  CONNECTION_STRING_DUPLICATE_KEY_SPELLINGS: "{field} appears {count} times (as {spellings}; keys are case-insensitive) — keep exactly one",
  CONNECTION_STRING_UNKNOWN_KEY: `Unknown key '{key}' — ${KEYS_OF_A_STRING}`,
  CONNECTION_STRING_UNKNOWN_KEY_TYPO: "Unknown key '{key}' — did you mean {suggestion}?",
  CONNECTION_STRING_UNSUPPORTED_KEY: "Unknown key '{key}' is an Azure SDK setting this plugin does not use — remove it",
  CONNECTION_STRING_UNKNOWN_KEY_HIDDEN: `An unknown key ({length} characters, not shown) — ${KEYS_OF_A_STRING}`,
  CONNECTION_STRING_UNKNOWN_KEY_HIDDEN_TYPO: "An unknown key ({length} characters, not shown) — did you mean {suggestion}?",
  CONNECTION_STRING_ENDPOINT_EMPTY: `Endpoint has no value — expected ${EXAMPLE}`,
  CONNECTION_STRING_KEY_NAME_EMPTY: "SharedAccessKeyName has no value — expected the policy name, e.g. RootManageSharedAccessKey",
  CONNECTION_STRING_KEY_EMPTY: "SharedAccessKey has no value — expected the 44-character key from Shared access policies",
  CONNECTION_STRING_SIGNATURE_EMPTY: "SharedAccessSignature has no value — expected a token starting with 'SharedAccessSignature sr='",
  CONNECTION_STRING_ENTITY_PATH_EMPTY: "EntityPath has no value — expected the hybrid connection name, or remove EntityPath",
  CONNECTION_STRING_EMULATOR_FLAG_EMPTY: "UseDevelopmentEmulator has no value — expected true or false",
  CONNECTION_STRING_EMULATOR_FLAG_INVALID: "UseDevelopmentEmulator must be true or false",
  CONNECTION_STRING_ENDPOINT_MISSING: `Endpoint is missing — a connection string starts with Endpoint=${EXAMPLE}`,
  CONNECTION_STRING_KEY_NAME_MISSING: `SharedAccessKeyName is missing — add the policy name, e.g. SharedAccessKeyName=RootManageSharedAccessKey ${ALTERNATIVE}`,
  CONNECTION_STRING_KEY_MISSING: `SharedAccessKey is missing — add the policy's Primary key ${ALTERNATIVE}`,
  CONNECTION_STRING_SIGNATURE_WITH_KEY: "SharedAccessSignature cannot be combined with SharedAccessKeyName/SharedAccessKey — use either the key pair or the signature",
  KEY_NAME_TOO_LONG: "SharedAccessKeyName must be at most {max} characters",
  KEY_NAME_CHARACTERS: "SharedAccessKeyName may contain only letters, digits, '.', '-' and '_' — use the policy name from Shared access policies",
  KEY_LENGTH: "SharedAccessKey must be base64 of 32 bytes (44 characters ending in '='), this one has {length} characters — copy the Primary key from Shared access policies",
  KEY_ALPHABET: "SharedAccessKey must be base64 of 32 bytes (44 characters ending in '='), this one has characters outside base64 — copy the Primary key from Shared access policies",
  SIGNATURE_FORM: "SharedAccessSignature must be a token of the form 'SharedAccessSignature sr=…&sig=…&se=…&skn=…'",
  SIGNATURE_INCOMPLETE: "SharedAccessSignature lacks {missing} — generate the token again",
  SIGNATURE_EXPIRY: "SharedAccessSignature's se (expiry) must be whole seconds since 1970",
  ...entityPathTexts,
  // Endpoint (field `Endpoint`).
  ENDPOINT_SCHEME: `Endpoint must start with sb:// — ${COPY}`,
  ENDPOINT_SCHEME_FOUND: `Endpoint must start with sb:// (not {scheme}://) — ${COPY}`,
  ENDPOINT_QUERY: "Endpoint must not have a query or fragment ('?…' or '#…') — end it after the host",
  ENDPOINT_BACKSLASH: "Endpoint must use '/', not '\\'",
  ENDPOINT_PATH: "Endpoint must not have a path after the host — put the hybrid connection name in EntityPath instead",
  ENDPOINT_USER_INFO: "Endpoint must not contain user info ('…@') — the host comes right after sb://",
  ENDPOINT_NO_HOST: `Endpoint has no host — expected ${EXAMPLE}`,
  ENDPOINT_NON_ASCII: "Endpoint host has a non-ASCII or blank character ({character} at position {position}) — international (IDN) names and look-alike letters are not allowed; type the host in plain ASCII",
  ENDPOINT_UNCLOSED_BRACKET: "Endpoint has an unclosed '[' in the host",
  ENDPOINT_COLONS: "Endpoint host has more than one ':' — write an IPv6 address in brackets, e.g. [::1]",
  ENDPOINT_PORT: "Endpoint port must be a number from 1 to 65535",
  ENDPOINT_EMULATOR_NOT_LOOPBACK: "With UseDevelopmentEmulator=true the Endpoint host must be loopback (127.0.0.1, localhost or [::1]) — remove UseDevelopmentEmulator to connect to Azure",
  ENDPOINT_EMULATOR_NOT_LOOPBACK_HOST: "With UseDevelopmentEmulator=true the Endpoint host must be loopback (127.0.0.1, localhost or [::1]), not '{host}' — remove UseDevelopmentEmulator to connect to Azure",
  ENDPOINT_EMULATOR_PORT: "With UseDevelopmentEmulator=true the Endpoint needs the emulator's port, e.g. sb://127.0.0.1:9351/",
  ENDPOINT_LOOPBACK: "Endpoint host '{host}' is a loopback address — add UseDevelopmentEmulator=true to use a local emulator",
  ENDPOINT_IP_ADDRESS: `Endpoint host must be the namespace's DNS name (${EXAMPLE}), not an IP address`,
  ENDPOINT_PORT_NOT_443: "Endpoint must not name a port other than 443 — Azure Relay is reached over TLS on 443; remove :{port}",
  ENDPOINT_DNS_TOO_LONG: "Endpoint host is not a valid DNS name: it is longer than 253 characters",
  ENDPOINT_DNS_TRAILING_DOT: "Endpoint host is not a valid DNS name: it must not end with '.'",
  ENDPOINT_DNS_NOT_QUALIFIED: `Endpoint host is not a valid DNS name: use the fully qualified namespace host, e.g. ${EXAMPLE}`,
  ENDPOINT_DNS_EMPTY_LABEL: "Endpoint host is not a valid DNS name: it has an empty label ('..')",
  ENDPOINT_DNS_LABEL_TOO_LONG: "Endpoint host is not a valid DNS name: a label is longer than 63 characters",
  ENDPOINT_DNS_CHARACTERS: "Endpoint host is not a valid DNS name: only letters, digits, '-' and '.' are allowed",
  ENDPOINT_DNS_LABEL_HYPHEN: "Endpoint host is not a valid DNS name: a label must not start or end with '-'",
  ENDPOINT_DNS_IDN: "Endpoint host is not a valid DNS name: international (IDN, 'xn--') names are not allowed",
  ENDPOINT_DNS_NUMERIC_TLD: "Endpoint host is not a valid DNS name: the last label must not be all digits",
} as const;

export type ConnectionStringProblemCode = keyof typeof CONNECTION_STRING_PROBLEM_TEXTS;

/** Values a problem's text is filled with (and a client's translation too). */
export type ProblemParams = Readonly<Record<string, string | number>>;

/** `template` with each `{name}` replaced by `params[name]` (a missing one stays visible: a test catches it). */
export function fillProblem(template: string, params: ProblemParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
