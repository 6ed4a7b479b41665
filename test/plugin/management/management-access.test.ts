/** ManagementAccessService without a network: validation per field, every credential kind, sealing, and the credential factory. */
import { ClientSecretCredential, EnvironmentCredential, ManagedIdentityCredential } from "@azure/identity";
import type { Caller, PluginStore, SecretSealer } from "../../../server/host/contract";
import { createCredential } from "../../../server/plugin/management/credential-factory";
import { ManagementAccessRepository } from "../../../server/plugin/management/management-access.repository";
import { ManagementAccessService, type SetManagementAccess } from "../../../server/plugin/management/management-access.service";
import { StaticTokenCredential } from "../../../server/plugin/management/static-token-credential";

const caller: Caller = { id: "admin-1", kind: "token", roles: ["admin"] };
const sealer: SecretSealer = { seal: (s) => `sealed:${Buffer.from(s).toString("hex")}`, open: (s) => Buffer.from(s.slice(7), "hex").toString() };
const SECRET = "client-secret-value-~123";

function setup() {
  const map = new Map<string, unknown>();
  const store: PluginStore = {
    get: async <T>(k: string) => map.get(k) as T | undefined,
    set: async (k, v) => void map.set(k, v),
    delete: async (k) => map.delete(k),
    entries: async <T>(prefix = "") => [...map].filter(([k]) => k.startsWith(prefix)) as Array<[string, T]>,
  };
  const repository = new ManagementAccessRepository(store);
  return { map, repository, service: new ManagementAccessService(repository, sealer, () => new Date("2026-11-28T12:00:00Z")) };
}

const base: Omit<SetManagementAccess, "credential"> = { namespace: "Contoso.ServiceBus.Windows.Net", subscriptionId: "00000000-1111-2222-3333-444444444444", resourceGroup: "rg-relay", namespaceName: "contoso" };

test("client secret: sealed in the store, ids and fingerprint public, endpoint defaulted, namespace lower-cased", async () => {
  const { map, repository, service } = setup();
  const pub = await service.set({ ...base, credential: { kind: "client-secret", tenantId: "tenant-1", clientId: "client-1", clientSecret: SECRET } }, caller);
  expect(pub).toEqual({
    namespace: "contoso.servicebus.windows.net",
    subscriptionId: base.subscriptionId,
    resourceGroup: "rg-relay",
    namespaceName: "contoso",
    endpoint: "https://management.azure.com",
    trustsCustomCa: false,
    credentialKind: "client-secret",
    tenantId: "tenant-1",
    clientId: "client-1",
    secretFingerprint: expect.stringMatching(/^sha256:[0-9a-f]{12}$/),
    updatedAt: "2026-11-28T12:00:00.000Z",
    updatedBy: "admin-1",
  });
  expect(JSON.stringify([...map])).not.toContain(SECRET);
  const stored = (await repository.get("contoso.servicebus.windows.net"))!;
  expect(createCredential(stored.credential, sealer)).toBeInstanceOf(ClientSecretCredential);
  expect(await service.clientFor("CONTOSO.servicebus.windows.net")).toBe(await service.clientFor("contoso.servicebus.windows.net"));
});

test("the other kinds: environment, managed identity (with or without client id), static token", async () => {
  const { repository, service } = setup();
  const kinds = [
    [{ kind: "environment" }, EnvironmentCredential],
    [{ kind: "managed-identity" }, ManagedIdentityCredential],
    [{ kind: "managed-identity", clientId: "uami-1" }, ManagedIdentityCredential],
    [{ kind: "static-token", token: "tok" }, StaticTokenCredential],
  ] as const;
  for (const [credential, type] of kinds) {
    const pub = await service.set({ ...base, credential }, caller);
    expect(pub.credentialKind).toBe(credential.kind);
    expect(createCredential((await repository.get(base.namespace))!.credential, sealer)).toBeInstanceOf(type);
  }
  expect((await service.list()).map((a) => a.clientId)).toEqual([null]);
  expect(await (new StaticTokenCredential("tok")).getToken()).toMatchObject({ token: "tok" });
});

test.each([
  [{ namespace: "sb://contoso" }, "namespace"],
  [{ subscriptionId: "" }, "subscriptionId"],
  [{ resourceGroup: "rg with spaces" }, "resourceGroup"],
  [{ namespaceName: "contoso.servicebus.windows.net" }, "namespaceName"],
  [{ endpoint: "http://management.azure.com" }, "endpoint"],
  [{ endpoint: "https://user:pw@management.azure.com" }, "endpoint"],
  [{ caCertificate: "not a pem" }, "caCertificate"],
])("rejects %j at field %s", async (patch, field) => {
  const { service } = setup();
  await expect(service.set({ ...base, ...patch, credential: { kind: "environment" } }, caller)).rejects.toMatchObject({ code: "BAD_USER_INPUT", field });
});

test.each([
  [{ kind: "client-secret", tenantId: "", clientId: "c", clientSecret: "s" }, "credential.tenantId"],
  [{ kind: "client-secret", tenantId: "t", clientId: " ", clientSecret: "s" }, "credential.clientId"],
  [{ kind: "client-secret", tenantId: "t", clientId: "c", clientSecret: "" }, "credential.clientSecret"],
  [{ kind: "static-token", token: "" }, "credential.token"],
] as const)("a %j credential misses %s", async (credential, field) => {
  const { service } = setup();
  await expect(service.set({ ...base, credential }, caller)).rejects.toMatchObject({ code: "BAD_USER_INPUT", field });
});

test("remove forgets the record and its sealed secret", async () => {
  const { map, service } = setup();
  await service.set({ ...base, credential: { kind: "static-token", token: "tok" } }, caller);
  expect(await service.remove("contoso.servicebus.windows.net")).toBe(true);
  expect(map.size).toBe(0);
  expect(await service.clientFor("contoso.servicebus.windows.net")).toBeUndefined();
  expect(await service.remove("contoso.servicebus.windows.net")).toBe(false);
});
