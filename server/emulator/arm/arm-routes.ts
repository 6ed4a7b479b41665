/**
 * The ARM operations over the live emulator namespace: what each method on each path of `ARM_PATHS` does.
 * A hybrid connection created here is the one the data plane listens on, and counts are read live.
 */
import { type AccessRight, type EmulatorNamespace, type HybridConnection, NamespaceError, type SasRule } from "../namespace";
import { ArmError, badRequest, notFound } from "./arm-errors";
import type { ArmPathName, PathParams } from "./arm-paths";
import { accessKeysView, hybridConnectionView, listView, namespaceView, ruleView, type ArmScope } from "./arm-views";

export interface ArmState {
  ns: EmulatorNamespace;
  scope: ArmScope;
  createdAt: Date;
}
export interface ArmResult {
  status: number;
  body?: unknown;
}
type Json = Record<string, unknown>;
type Handler = (state: ArmState, p: PathParams, body: Json) => ArmResult;

const ok = (body: unknown): ArmResult => ({ status: 200, body });

function hc(state: ArmState, p: PathParams): HybridConnection {
  const found = state.ns.getHybridConnection(p.hc!);
  if (!found) throw notFound("hybrid connection", p.hc!);
  return found;
}

/** A rule of the given scope (namespace when `hcName` is undefined). Names are namespace-wide in the emulator. */
function ruleIn(state: ArmState, name: string, hcName: string | undefined): SasRule | undefined {
  const rule = state.ns.getRule(name);
  return rule && rule.hybridConnection === hcName ? rule : undefined;
}
function requireRule(state: ArmState, p: PathParams, hcName: string | undefined): SasRule {
  const rule = ruleIn(state, p.rule!, hcName);
  if (!rule) throw notFound("authorization rule", p.rule!);
  return rule;
}

function putHybridConnection(state: ArmState, p: PathParams, body: Json): ArmResult {
  const props = (body.properties ?? {}) as Json;
  const metadata = props.userMetadata === undefined ? undefined : String(props.userMetadata);
  const existing = state.ns.getHybridConnection(p.hc!);
  if (existing) {
    if (props.requiresClientAuthorization !== undefined && props.requiresClientAuthorization !== existing.requiresClientAuthorization) {
      // Azure fixes this at creation.
      throw badRequest("requiresClientAuthorization cannot be changed after the hybrid connection is created.");
    }
    if (metadata !== undefined) state.ns.updateHybridConnection(existing.name, { userMetadata: metadata });
    return ok(hybridConnectionView(state.scope, state.ns, existing));
  }
  const rca = props.requiresClientAuthorization;
  const created = state.ns.addHybridConnection({ name: p.hc!, requiresClientAuthorization: rca === undefined ? true : rca === true, userMetadata: metadata });
  return ok(hybridConnectionView(state.scope, state.ns, created));
}

function putRule(state: ArmState, p: PathParams, body: Json, hcName: string | undefined): ArmResult {
  const rights = ((body.properties ?? {}) as Json).rights as AccessRight[] | undefined;
  if (!Array.isArray(rights) || rights.length === 0) throw badRequest("properties.rights is required: a non-empty subset of Listen, Send, Manage.");
  if (ruleIn(state, p.rule!, hcName)) return ok(ruleView(state.scope, state.ns.updateRuleRights(p.rule!, rights)));
  if (state.ns.getRule(p.rule!)) {
    // Emulator deviation (namespace.ts): rule names are unique across the namespace, not per scope.
    throw new ArmError(409, "Conflict", `The emulator already has an authorization rule '${p.rule}' in another scope; rule names are namespace-wide here.`);
  }
  return ok(ruleView(state.scope, state.ns.addRule({ name: p.rule!, rights, hybridConnection: hcName })));
}

function deleteRule(state: ArmState, p: PathParams, hcName: string | undefined): ArmResult {
  if (!ruleIn(state, p.rule!, hcName)) return { status: 204 };
  state.ns.removeRule(p.rule!);
  return { status: 200 };
}

function regenerate(state: ArmState, p: PathParams, body: Json, hcName: string | undefined): ArmResult {
  const rule = requireRule(state, p, hcName);
  const keyType = body.keyType;
  if (keyType !== "PrimaryKey" && keyType !== "SecondaryKey") throw badRequest("keyType must be PrimaryKey or SecondaryKey.");
  state.ns.regenerateKey(rule.name, keyType, typeof body.key === "string" ? body.key : undefined);
  return ok(accessKeysView(state.scope, rule));
}

function rulesOf(state: ArmState, hcName: string | undefined): ArmResult {
  return ok(listView(state.ns.listRules(hcName ?? null).map((r) => ruleView(state.scope, r))));
}

/** `[path, method] → handler`. The namespace, subscription and group are checked before any of these run. */
export const ARM_ROUTES: Partial<Record<ArmPathName, Partial<Record<string, Handler>>>> = {
  namespacesOfSubscription: { GET: (s) => ok(listView([namespaceView(s.scope, s.ns, s.createdAt)])) },
  namespacesOfGroup: { GET: (s) => ok(listView([namespaceView(s.scope, s.ns, s.createdAt)])) },
  namespace: { GET: (s) => ok(namespaceView(s.scope, s.ns, s.createdAt)) },
  namespaceRules: { GET: (s) => rulesOf(s, undefined) },
  namespaceRule: {
    GET: (s, p) => ok(ruleView(s.scope, requireRule(s, p, undefined))),
    PUT: (s, p, b) => putRule(s, p, b, undefined),
    DELETE: (s, p) => deleteRule(s, p, undefined),
  },
  namespaceRuleListKeys: { POST: (s, p) => ok(accessKeysView(s.scope, requireRule(s, p, undefined))) },
  namespaceRuleRegenerate: { POST: (s, p, b) => regenerate(s, p, b, undefined) },
  hybridConnections: { GET: (s) => ok(listView(s.ns.listHybridConnections().map((h) => hybridConnectionView(s.scope, s.ns, h)))) },
  hybridConnection: {
    GET: (s, p) => ok(hybridConnectionView(s.scope, s.ns, hc(s, p))),
    PUT: putHybridConnection,
    DELETE: (s, p) => (s.ns.getHybridConnection(p.hc!) ? (s.ns.removeHybridConnection(p.hc!), { status: 200 }) : { status: 204 }),
  },
  hcRules: { GET: (s, p) => rulesOf(s, hc(s, p).name) },
  hcRule: {
    GET: (s, p) => ok(ruleView(s.scope, requireRule(s, p, hc(s, p).name))),
    PUT: (s, p, b) => putRule(s, p, b, hc(s, p).name),
    DELETE: (s, p) => deleteRule(s, p, hc(s, p).name),
  },
  hcRuleListKeys: { POST: (s, p) => ok(accessKeysView(s.scope, requireRule(s, p, hc(s, p).name))) },
  hcRuleRegenerate: { POST: (s, p, b) => regenerate(s, p, b, hc(s, p).name) },
};

/** Namespace model errors in ARM's words. */
export function fromNamespaceError(error: NamespaceError): ArmError {
  switch (error.code) {
    case "NOT_FOUND":
      return new ArmError(404, "NotFound", error.message);
    case "CONFLICT":
      return new ArmError(409, "Conflict", error.message);
    case "BAD_INPUT":
      return badRequest(error.message);
  }
}
