/**
 * The few Azure Resource Manager calls the plugin makes, over @azure/arm-relay's RelayAPI for one namespace.
 * A custom CA (the emulator's) is trusted through the SDK pipeline's own `tlsOptions`, for this client only:
 * nothing is relaxed process-wide.
 */
import { RelayAPI, type HybridConnection as ArmHybridConnection } from "@azure/arm-relay";
import type { TokenCredential } from "@azure/identity";
import type { RelayPluginError } from "../errors";
import { socketReason } from "../errors/socket-error-texts";
import { managementAction, stateProblem } from "../errors/state-problem-texts";
import type { ProblemParams } from "../registrations/connection-string-problem-texts";
import { applyManagementProxy, type ManagementProxySettings } from "./management-proxy";

/** Which namespace in which subscription, reached where. */
export interface ManagementTarget {
  subscriptionId: string;
  resourceGroup: string;
  namespaceName: string;
  /** ARM base URL, e.g. `https://management.azure.com`. */
  endpoint: string;
  /** PEM trusted instead of the public CAs for this endpoint (the emulator's self-signed certificate). Default: public CAs. */
  caCertificate?: string;
  /** The plugin's proxy settings (`proxyUrl` / `proxyBypass`), overriding HTTPS_PROXY / NO_PROXY. Default: the environment's. */
  proxy?: ManagementProxySettings;
}

/** A hybrid connection as ARM reports it. */
export interface AzureHybridConnection {
  name: string;
  listenerCount: number | null;
  requiresClientAuthorization: boolean | null;
  userMetadata: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

export interface ListenKeys {
  keyName: string;
  primaryKey: string;
}

export class RelayManagementClient {
  private readonly api: RelayAPI;

  constructor(credential: TokenCredential, readonly target: ManagementTarget) {
    const endpoint = target.endpoint.replace(/\/+$/, "");
    this.api = new RelayAPI(credential, target.subscriptionId, {
      endpoint,
      // The token's audience is the endpoint (ARM: https://management.azure.com/.default).
      credentialScopes: [`${endpoint}/.default`],
      ...(target.caCertificate ? { tlsOptions: { ca: target.caCertificate } } : {}),
      // One quick retry: callers are a person waiting on the tab or an add; the next poll tries again anyway.
      retryOptions: { maxRetries: 1, retryDelayInMs: 200 },
      userAgentOptions: { userAgentPrefix: "ecs-core-azure-relay" },
    });
    applyManagementProxy(this.api.pipeline, endpoint, target.proxy, target.caCertificate);
  }

  async listHybridConnections(): Promise<AzureHybridConnection[]> {
    const { resourceGroup, namespaceName } = this.target;
    const out: AzureHybridConnection[] = [];
    await call(managementAction("LIST_HYBRID_CONNECTIONS"), async () => {
      for await (const hc of this.api.hybridConnections.listByNamespace(resourceGroup, namespaceName)) out.push(view(hc));
    });
    return out;
  }

  /** undefined when it does not exist. */
  async getHybridConnection(name: string): Promise<AzureHybridConnection | undefined> {
    const { resourceGroup, namespaceName } = this.target;
    try {
      return view(await this.api.hybridConnections.get(resourceGroup, namespaceName, name));
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw armFailure(managementAction("READ_HYBRID_CONNECTION", name), error);
    }
  }

  async createHybridConnection(name: string, userMetadata: string): Promise<AzureHybridConnection> {
    const { resourceGroup, namespaceName } = this.target;
    return call(managementAction("CREATE_HYBRID_CONNECTION", name), async () =>
      view(await this.api.hybridConnections.createOrUpdate(resourceGroup, namespaceName, name, { requiresClientAuthorization: true, userMetadata })),
    );
  }

  /** The rights of the rule named `keyName` that can sign for `hybridConnection`: its own rules first, then the namespace's. */
  async ruleRights(hybridConnection: string, keyName: string): Promise<string[] | undefined> {
    const { resourceGroup, namespaceName } = this.target;
    const attempts = [
      () => this.api.hybridConnections.getAuthorizationRule(resourceGroup, namespaceName, hybridConnection, keyName),
      () => this.api.namespaces.getAuthorizationRule(resourceGroup, namespaceName, keyName),
    ];
    for (const attempt of attempts) {
      try {
        return (await attempt()).rights;
      } catch (error) {
        if (statusOf(error) !== 404) throw armFailure(managementAction("READ_RULE", keyName), error);
      }
    }
    return undefined;
  }

  /** Creates (or resets to Listen) a rule on the hybrid connection and returns its primary key. */
  async ensureListenRule(hybridConnection: string, ruleName: string): Promise<ListenKeys> {
    const { resourceGroup, namespaceName } = this.target;
    return call(managementAction("CREATE_LISTEN_RULE", ruleName), async () => {
      await this.api.hybridConnections.createOrUpdateAuthorizationRule(resourceGroup, namespaceName, hybridConnection, ruleName, { rights: ["Listen"] });
      const keys = await this.api.hybridConnections.listKeys(resourceGroup, namespaceName, hybridConnection, ruleName);
      if (!keys.primaryKey) throw new Error("listKeys returned no primary key");
      return { keyName: keys.keyName ?? ruleName, primaryKey: keys.primaryKey };
    });
  }
}

function view(hc: ArmHybridConnection): AzureHybridConnection {
  return {
    name: hc.name ?? "",
    listenerCount: hc.listenerCount ?? null,
    requiresClientAuthorization: hc.requiresClientAuthorization ?? null,
    userMetadata: hc.userMetadata ?? null,
    createdAt: hc.createdAt ?? null,
    updatedAt: hc.updatedAt ?? null,
  };
}

async function call<T>(action: ProblemParams, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw armFailure(action, error);
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number } | undefined)?.statusCode;
}

/**
 * ARM's code and message say what is wrong (AuthorizationFailed, ResourceGroupNotFound…) and hold no secret;
 * the request (with its bearer token) is never included. A stable problem code by status (state-problem-texts.ts).
 */
export function armFailure(action: ProblemParams, error: unknown): RelayPluginError {
  const status = statusOf(error);
  const code = (error as { code?: string } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (!status) return stateProblem("RELAY_REFUSED", "MANAGEMENT_UNREACHABLE", { ...action, status: 0, ...socketReason(code, message) }, undefined, error);
  // A 407 is the proxy's own answer, replayed by the SDK's tunnel agent: ARM never sent it.
  if (status === 407) return stateProblem("RELAY_REFUSED", "MANAGEMENT_PROXY_AUTH_REQUIRED", { ...action, status, reason: "PROXY_AUTH_REQUIRED" }, undefined, error);
  const problem = status === 401 || status === 403 ? "MANAGEMENT_ACCESS_DENIED" : status === 404 ? "MANAGEMENT_RESOURCE_NOT_FOUND" : "MANAGEMENT_ANSWERED";
  return stateProblem("RELAY_REFUSED", problem, { ...action, status, answer: code ? `${status} ${code}` : String(status), armMessage: message }, undefined, error);
}
