/** From an ARM request to its operation: bearer check, api-version, path match, scope check, then the route's handler. */
import type { IncomingMessage } from "node:http";
import { ArmError, unauthenticated } from "./arm-errors";
import { ARM_PATHS, matchPath, pathSegments, type ArmPathName, type PathParams } from "./arm-paths";
import { ARM_ROUTES, type ArmResult, type ArmState } from "./arm-routes";
import { readJsonBody } from "./json-body";

/** api-versions whose shapes for these resources are the 2017-04-01 ones (later versions only add fields). */
export const ARM_API_VERSIONS = ["2017-04-01", "2021-11-01", "2024-01-01"] as const;

export async function dispatch(state: ArmState, req: IncomingMessage): Promise<ArmResult> {
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

