/**
 * `node -r @swc-node/register server/host/reference/cli.ts` (npm start): starts the reference host
 * from the environment, prints its URL and — only when they were just generated — the access
 * tokens, and stops gracefully on SIGINT/SIGTERM (exit 0).
 */
import "reflect-metadata";
import { startReferenceHost, type ReferenceHost } from "./host";

async function main(): Promise<void> {
  // Handlers go in first: until a listener exists, SIGINT/SIGTERM kill the process outright, so a
  // signal arriving right after the URL is printed would skip the graceful stop.
  let requested: NodeJS.Signals | undefined;
  let stopHost: ((signal: NodeJS.Signals) => void) | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (requested) return;
    requested = signal;
    stopHost?.(signal); // during start-up: stopped as soon as the host is up
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let host: ReferenceHost;
  try {
    host = await startReferenceHost();
  } catch (error) {
    process.stderr.write(`ECS Core reference host failed to start:\n${(error as Error).message}\n`);
    process.exit(1);
  }
  stopHost = (signal) => {
    process.stdout.write(`${signal}: stopping…\n`);
    host.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`stop failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  printBanner(host);
  if (requested) stopHost(requested);
}

function printBanner(host: ReferenceHost): void {
  const lines = [`ECS Core reference host: ${host.url}  (sign in at ${host.url}/login, data in ${host.dataDir})`];
  // Printed once, on the start that generated them; afterwards they live only in the 0600 files.
  if (host.generatedTokens.adminToken) lines.push(`admin token (shown once; saved in ${host.dataDir}/admin.token): ${host.generatedTokens.adminToken}`);
  if (host.generatedTokens.readerToken) lines.push(`reader token (shown once; saved in ${host.dataDir}/reader.token): ${host.generatedTokens.readerToken}`);
  process.stdout.write(lines.join("\n") + "\n");
}

void main();
