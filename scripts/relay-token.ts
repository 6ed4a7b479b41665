/**
 * Prints a SAS token for sending through a relay, from a connection string (for curl and scripts):
 *   TOKEN=$(npm run -s relay-token -- "Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…" ecs-core)
 *   curl -H "ServiceBusAuthorization: $TOKEN" http://127.0.0.1:9351/ecs-core/api/materials/100-100
 * Arguments: the connection string (or env RELAY_CONNECTION_STRING), then the hybrid connection (default: EntityPath),
 * then the lifetime in seconds (default 3600). Prints only the token, so it can be captured.
 */
import { ConnectionStringError, parseConnectionString } from "../server/plugin/registrations/connection-string";
import { createSasToken } from "../server/relay/sas-token";

function main(argv: string[]): number {
  const [given, hybridConnection, lifetime] = argv;
  const connectionString = given ?? process.env.RELAY_CONNECTION_STRING;
  if (!connectionString) {
    console.error('usage: npm run -s relay-token -- "<connection string>" [hybridConnection] [lifetimeSeconds]');
    return 2;
  }
  try {
    const parsed = parseConnectionString(connectionString);
    if (!parsed.key || !parsed.keyName) throw new Error("the connection string has no SharedAccessKeyName/SharedAccessKey to sign with");
    const token = createSasToken({
      namespace: parsed.namespace,
      hybridConnectionName: hybridConnection ?? parsed.entityPath,
      keyName: parsed.keyName,
      key: parsed.key,
      lifetimeSeconds: lifetime ? Number(lifetime) : 3600,
    });
    process.stdout.write(token + "\n");
    return 0;
  } catch (error) {
    const detail = error instanceof ConnectionStringError ? error.problems.map((p) => `${p.field}: ${p.message}`).join("\n") : (error as Error).message;
    console.error(`relay-token: ${detail}`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
