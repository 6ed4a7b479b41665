/**
 * `node -r @swc-node/register server/host/reference/cli.ts` (npm start): starts the reference host
 * from the environment, prints its URL and — only when they were just generated — the access
 * tokens, and stops gracefully on SIGINT/SIGTERM (exit 0).
 */
import "reflect-metadata";
import { startReferenceHost, type ReferenceHost } from "./host";

async function main(): Promise<void> {
  let host: ReferenceHost;
  try {
    host = await startReferenceHost();
  } catch (error) {
    process.stderr.write(`ECS Core reference host failed to start:\n${(error as Error).message}\n`);
    process.exit(1);
  }
  const lines = [`ECS Core reference host: ${host.url}  (sign in at ${host.url}/login, data in ${host.dataDir})`];
  // Printed once, on the start that generated them; afterwards they live only in the 0600 files.
  if (host.generatedTokens.adminToken) lines.push(`admin token (shown once; saved in ${host.dataDir}/admin.token): ${host.generatedTokens.adminToken}`);
  if (host.generatedTokens.readerToken) lines.push(`reader token (shown once; saved in ${host.dataDir}/reader.token): ${host.generatedTokens.readerToken}`);
  process.stdout.write(lines.join("\n") + "\n");
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping…\n`);
    host.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`stop failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

void main();
