/**
 * The emulator's Azure Resource Manager surface (relay-protocol.md §6, checklist 23): an HTTPS server with ARM's
 * paths, api-version check, bearer requirement and JSON shapes, over the emulator's live namespace.
 * TLS because @azure/core-rest-pipeline refuses to send a bearer token over plain http (dependencies.md §6).
 * It is not an identity provider: any non-empty bearer token is accepted.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { NamespaceError, type EmulatorNamespace } from "../namespace";
import { resolveTls } from "../tls";
import { ArmError, unauthenticated } from "./arm-errors";
import { ARM_PATHS, matchPath, pathSegments, type ArmPathName, type PathParams } from "./arm-paths";
import { ARM_ROUTES, fromNamespaceError, type ArmResult, type ArmState } from "./arm-routes";
import { readJsonBody } from "./json-body";

/** api-versions whose shapes for these resources are the 2017-04-01 ones (later versions only add fields). */
export const ARM_API_VERSIONS = ["2017-04-01", "2021-11-01", "2024-01-01"] as const;

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

async function dispatch(state: ArmState, req: IncomingMessage): Promise<ArmResult> {
  if (!/^Bearer\s+\S+/i.test(req.headers.authorization ?? "")) {
    throw unauthenticated("Authentication failed. The 'Authorization' header is missing or is not a bearer token.");
  }
  const url = new URL(req.url ?? "/", "https://arm.emulator");
  const apiVersion = url.searchParams.get("api-version");
  if (!apiVersion) throw new ArmError(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.", true);
  if (!(ARM_API_VERSIONS as readonly string[]).includes(apiVersion)) {
    throw new ArmError(400, "NoRegisteredProviderFound", `No registered resource provider found for api version '${apiVersion}'. Supported: ${ARM_API_VERSIONS.join(", ")}.`, true);
  }
  const { name, params } = route(url.pathname);
  checkScope(state, params);
  const handler = ARM_ROUTES[name]?.[req.method ?? "GET"];
  if (!handler) throw new ArmError(405, "MethodNotAllowed", `The requested method ${req.method} is not allowed on this resource.`, true);
  const body = await readJsonBody(req);
  return handler(state, params, body);
}

function route(pathname: string): { name: ArmPathName; params: PathParams } {
  const segments = pathSegments(pathname);
  if (segments) {
    for (const [name, pattern] of Object.entries(ARM_PATHS) as Array<[ArmPathName, string]>) {
      const params = matchPath(pattern, segments);
      if (params) return { name, params };
    }
  }
  throw new ArmError(404, "InvalidResourceType", `The resource path '${pathname}' is not served by this Microsoft.Relay emulator.`, true);
}

/** Subscription, group and namespace must be ours; ARM's front door answers for the first two. */
function checkScope(state: ArmState, p: PathParams): void {
  const { subscriptionId, resourceGroup, namespaceName } = state.scope;
  const same = (a: string | undefined, b: string) => a === undefined || a.toLowerCase() === b.toLowerCase();
  if (!same(p.sub, subscriptionId)) throw new ArmError(404, "SubscriptionNotFound", `The subscription '${p.sub}' could not be found.`, true);
  if (!same(p.rg, resourceGroup)) throw new ArmError(404, "ResourceGroupNotFound", `Resource group '${p.rg}' could not be found.`, true);
  if (!same(p.ns, namespaceName)) {
    throw new ArmError(404, "ResourceNotFound", `The Resource 'Microsoft.Relay/namespaces/${p.ns}' under resource group '${p.rg}' was not found.`, true);
  }
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
