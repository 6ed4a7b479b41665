/** What `npm start` prints: where everything runs and how to try it in a minute. */
import type { RelayEmulator } from "../../server/emulator";
import type { ReferenceHost } from "../../server/host/reference/host";
import type { SampleService } from "../../server/sample-service/sample-service";
import { ADMIN_TOKEN_FILE } from "../../server/host/reference/credentials";
import type { DemoRegistration } from "./demo-registration";

export function printBanner(parts: { host: ReferenceHost; emulator: RelayEmulator; sample: SampleService; demo: DemoRegistration }): void {
  const { host, emulator, sample, demo } = parts;
  const tokenFile = `${host.dataDir}/${ADMIN_TOKEN_FILE}`;
  const send = emulator.connectionStrings().find((c) => c.policy === "ecs-core-send")?.connectionString ?? "";
  const generated = host.generatedTokens;
  const lines = [
    "",
    ...(generated.adminToken ? [`First start: admin token ${generated.adminToken} (shown once; kept 0600 in ${tokenFile})`] : []),
    ...(generated.readerToken ? [`             reader token ${generated.readerToken} (read-only; shown once)`] : []),
    `ECS Core reference host   ${host.url}/settings/azure-relay   (sign in at ${host.url}/login with the admin token: cat ${tokenFile})`,
    `GraphQL                   ${host.url}/graphql   (Authorization: Bearer <token>)`,
    `Sample web service        ${sample.url}   (the default target of relayed requests)`,
    `Relay emulator            ${emulator.httpUrl}/   connection strings (paste one into Add Relay Registration):`,
    ...emulator.connectionStrings().map((c) => `  ${c.policy.padEnd(26)} ${c.rights.join("+").padEnd(20)} ${c.connectionString}`),
    "",
    demo.added ? "Added the registration \"Sample (emulator)\": hybrid connection ecs-core → the sample web service." : `Registrations in the store: ${demo.count}.`,
    "Send a request through the relay, as a cloud client would:",
    `  TOKEN=$(npm run -s relay-token -- "${send}" ecs-core)`,
    `  curl -H "ServiceBusAuthorization: $TOKEN" ${emulator.httpUrl}/ecs-core/api/materials/100-100`,
    "",
    "Ctrl+C stops everything.",
  ];
  console.log(lines.join("\n"));
}
