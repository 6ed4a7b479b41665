/**
 * `npm run emulator`: runs the relay emulator in the foreground.
 *   RELAY_EMULATOR_PORT (default 9351) | --port N, --host H, --config namespace.json,
 *   --hybrid-connection NAME (repeatable; added to the namespace), --tls-cert F --tls-key F | --tls-self-signed,
 *   --response-timeout-ms N, --no-listener-status N, --idle-timeout-ms N, --recycle-ms N, --quiet,
 *   --persist (with --config: save hybrid connections and rules created at run time back to that file),
 *   --arm (also serve the Azure Resource Manager surface over TLS on its own port).
 * Prints the connection strings and a curl example; stops cleanly on SIGINT/SIGTERM.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createSasToken } from "../relay/sas-token";
import { defaultNamespaceConfig, DEFAULT_SEND_RULE, loadConfigFile } from "./config";
import { startEmulator, type EmulatorOptions, type RelayEmulator } from "./index";
import { saveNamespaceOnChange } from "./namespace-snapshot";

/** The emulator's options plus what only the command line does with them. */
export interface CliOptions extends EmulatorOptions {
  /** `--persist`: the `--config` file the namespace is saved back to after every change; default none. */
  persistFile?: string;
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      config: { type: "string" },
      "hybrid-connection": { type: "string", multiple: true },
      "tls-cert": { type: "string" },
      "tls-key": { type: "string" },
      "tls-self-signed": { type: "boolean" },
      "response-timeout-ms": { type: "string" },
      "no-listener-status": { type: "string" },
      "idle-timeout-ms": { type: "string" },
      "recycle-ms": { type: "string" },
      quiet: { type: "boolean" },
      persist: { type: "boolean" },
      arm: { type: "boolean" },
    },
  });
  const int = (v: string | undefined, name: string) => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw new Error(`${name} must be a non-negative integer`);
    return Number(v);
  };
  const config = values.config ? loadConfigFile(values.config) : defaultNamespaceConfig();
  for (const name of values["hybrid-connection"] ?? []) {
    if (!config.hybridConnections?.some((h) => h.name === name)) (config.hybridConnections ??= []).push({ name });
  }
  if (!!values["tls-cert"] !== !!values["tls-key"]) throw new Error("--tls-cert and --tls-key go together");
  if (values.persist && !values.config) throw new Error("--persist saves to the --config file: give one (a JSON file; `{}` starts from the default namespace)");
  const tls = values["tls-cert"]
    ? { cert: readFileSync(values["tls-cert"], "utf8"), key: readFileSync(values["tls-key"]!, "utf8") }
    : values["tls-self-signed"] ? ("self-signed" as const) : undefined;
  return {
    port: int(values.port, "--port") ?? int(env.RELAY_EMULATOR_PORT, "RELAY_EMULATOR_PORT") ?? 9351,
    host: values.host,
    config,
    tls,
    responseTimeoutMs: int(values["response-timeout-ms"], "--response-timeout-ms"),
    noListenerStatus: int(values["no-listener-status"], "--no-listener-status"),
    listenerIdleTimeoutMs: int(values["idle-timeout-ms"], "--idle-timeout-ms"),
    listenerRecycleMs: int(values["recycle-ms"], "--recycle-ms"),
    log: values.quiet ? undefined : (line) => console.log(`${new Date().toISOString()} ${line}`),
    arm: values.arm ? true : undefined,
    persistFile: values.persist ? values.config : undefined,
  };
}

/** The banner: connection strings (they carry keys, as Azure's portal shows them) and one request to try. */
export function banner(emu: RelayEmulator): string {
  const lines = [`Azure Relay emulator listening on ${emu.httpUrl} (namespace host ${emu.namespaceHost})`, "", "Connection strings:"];
  for (const cs of emu.connectionStrings()) {
    lines.push(`  ${cs.policy} [${cs.rights.join(", ")}]${cs.hybridConnection ? ` on ${cs.hybridConnection}` : ""}:`, `    ${cs.connectionString}`);
  }
  const hc = emu.namespace.listHybridConnections()[0];
  const rule = hc && (emu.namespace.getRule(DEFAULT_SEND_RULE) ?? emu.namespace.getRule("RootManageSharedAccessKey"));
  if (hc && rule) {
    const token = createSasToken({ namespace: emu.namespaceHost, hybridConnectionName: hc.name, keyName: rule.name, key: rule.primaryKey });
    const ca = emu.tls ? " --cacert emulator-ca.pem" : "";
    lines.push("", `Try it once a listener is connected to '${hc.name}' (token valid 1 h):`);
    lines.push(`  curl -i${ca} -H 'ServiceBusAuthorization: ${token}' ${emu.httpUrl}/${hc.name}/`);
  }
  lines.push("", `Admin API: ${emu.httpUrl}/$emulator/connection-strings | /$emulator/stats | /$emulator/hybrid-connections`);
  return lines.join("\n");
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCli(process.argv.slice(2), process.env);
  } catch (err) {
    console.error(`relay emulator: ${(err as Error).message}`);
    process.exit(2);
  }
  const emu = await startEmulator(options);
  if (options.persistFile) saveNamespaceOnChange(emu.namespace, options.persistFile, (error) => console.error(`relay emulator: could not save ${options.persistFile}: ${(error as Error).message}`));
  console.log(banner(emu));
  if (emu.arm) console.log(`\nAzure Resource Manager surface: ${emu.arm.url} (subscription ${emu.arm.subscriptionId}, resource group ${emu.arm.resourceGroup}, namespace ${emu.arm.namespaceName})`);
  if (emu.caCert) console.log(`\nSelf-signed CA (save as emulator-ca.pem, or point NODE_EXTRA_CA_CERTS at it):\n${emu.caCert}`);
  const shutdown = (signal: string) => {
    console.log(`\n${signal}: stopping the relay emulator`);
    emu.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`relay emulator failed to start: ${(err as Error).message}`);
    process.exit(1);
  });
}
