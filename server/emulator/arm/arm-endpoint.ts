/**
 * The emulator's Azure Resource Manager surface (relay-protocol-notes.md §6, checklist 23): an HTTPS server with ARM's
 * paths, api-version check, bearer requirement and JSON shapes, over the emulator's live namespace.
 * TLS because @azure/core-rest-pipeline refuses to send a bearer token over plain http (relay-protocol-notes.md §6).
 * It is not an identity provider: any non-empty bearer token is accepted.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { NamespaceError, type EmulatorNamespace } from "../namespace";
import { resolveTls } from "../tls";
import { dispatch } from "./arm-dispatch";
import { ArmError } from "./arm-errors";
import { fromNamespaceError, type ArmResult, type ArmState } from "./arm-routes";

export { ARM_API_VERSIONS } from "./arm-dispatch";

export interface ArmEndpointOptions {
  /** The live namespace to serve (the emulator's). */
  namespace: EmulatorNamespace;
  /** @default "00000000-0000-0000-0000-000000000000" */
  subscriptionId?: string;
  /** @default "ecs-core-emulator" */
  resourceGroup?: string;
  /** The namespace's ARM name. @default the namespace's own name (`emulator`) */
  namespaceName?: string;
  /** @default "West Europe" */
  location?: string;
  /** Host in the connection strings listKeys returns. @default the namespace FQDN (`{name}.servicebus.windows.net`) */
  namespaceHost?: () => string;
  /** Appended to those connection strings. @default "" (the emulator passes `;UseDevelopmentEmulator=true`) */
  connectionStringSuffix?: string;
  /** TCP port; 0 = a free one. @default 0 */
  port?: number;
  /** Interface to bind. @default "127.0.0.1" */
  host?: string;
  /** Diagnostic lines (never keys or tokens). @default silent */
  log?: (line: string) => void;
}

export interface ArmEndpoint {
  /** `https://127.0.0.1:PORT`: pass as the SDK's `endpoint`. */
  readonly url: string;
  /** PEM of the self-signed certificate: trust it via the SDK's `tlsOptions.ca` or NODE_EXTRA_CA_CERTS. */
  readonly caCert: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly namespaceName: string;
  /** Idempotent. */
  stop(): Promise<void>;
}

export async function startArmEndpoint(options: ArmEndpointOptions): Promise<ArmEndpoint> {
  const tls = await resolveTls("self-signed");
  const ns = options.namespace;
  const state: ArmState = {
    ns,
    createdAt: new Date(),
    scope: {
      subscriptionId: options.subscriptionId ?? "00000000-0000-0000-0000-000000000000",
      resourceGroup: options.resourceGroup ?? "ecs-core-emulator",
      namespaceName: options.namespaceName ?? ns.name,
      location: options.location ?? "West Europe",
      namespaceHost: options.namespaceHost ?? (() => ns.fqdn),
      connectionStringSuffix: options.connectionStringSuffix ?? "",
    },
  };
  const log = options.log ?? (() => undefined);
  const server = https.createServer({ cert: tls.cert, key: tls.key }, (req, res) => void handle(state, req, res, log));
  const sockets = new Set<Socket>();
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `https://127.0.0.1:${port}`;
  log(`ARM endpoint on ${url}`);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    }));
  const { subscriptionId, resourceGroup, namespaceName } = state.scope;
  return { url, caCert: tls.caCert!, subscriptionId, resourceGroup, namespaceName, stop };
}

async function handle(state: ArmState, req: IncomingMessage, res: ServerResponse, log: (line: string) => void): Promise<void> {
  let result: ArmResult;
  try {
    result = await dispatch(state, req);
  } catch (error) {
    const armError = error instanceof ArmError ? error : error instanceof NamespaceError ? fromNamespaceError(error) : undefined;
    if (!armError) log(`ARM handler failed: ${(error as Error).message}`);
    const e = armError ?? new ArmError(500, "InternalServerError", "The emulator failed to handle the request.");
    result = { status: e.status, body: e.body() };
  }
  log(`ARM ${req.method} ${(req.url ?? "").split("?")[0]} -> ${result.status}`);
  send(req, res, result);
}

function send(req: IncomingMessage, res: ServerResponse, result: ArmResult): void {
  const requestId = randomUUID();
  const headers: Record<string, string | number> = {
    "x-ms-request-id": requestId,
    "x-ms-correlation-request-id": String(req.headers["x-ms-correlation-request-id"] ?? requestId),
  };
  if (result.status === 401) {
    headers["WWW-Authenticate"] = 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The authentication failed because of missing \'Authorization\' header."';
  }
  if (result.body === undefined) {
    res.writeHead(result.status, { ...headers, "Content-Length": 0 });
    res.end();
    return;
  }
  const text = JSON.stringify(result.body);
  res.writeHead(result.status, { ...headers, "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
