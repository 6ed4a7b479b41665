import type { AzureViewData } from "../../components/src/azure/azure-api";
import { AzureStore, raisedSince, type AzureSource } from "../../components/src/azure/azure-store";
import type { RegistrationAzure, SecureRegistrationReport } from "../../components/src/azure/azure-api";

const NS = "Contoso.servicebus.windows.net";
const entry = (id: string, secureRecommended = false): RegistrationAzure => ({ id, relay: null, keyRights: null, secureRecommended });
const access = { namespace: "other.servicebus.windows.net" } as AzureViewData["access"][number];

function source(view: AzureViewData, secure: AzureSource["secure"] = async () => ({ ruleName: "r" }) as SecureRegistrationReport): AzureSource & { views: number } {
  const fake = { views: 0, view: async () => (fake.views++, view), secure };
  return fake;
}

describe("AzureStore", () => {
  it("keys the view by registration and tells each row its state", async () => {
    const store = new AzureStore(source({ registrations: [entry("a", true)], access: [access] }));
    let changes = 0;
    store.onChange(() => changes++);
    await store.refresh();
    expect(store.loaded).toBe(true);
    expect(store.row("a")).toEqual({ data: entry("a", true), outcome: undefined, securing: false });
    expect(store.row("zzz").data).toBeUndefined();
    expect([...store.rows(["a", "b"]).keys()]).toEqual(["a", "b"]);
    expect(changes).toBe(1);
  });

  it("lists the namespaces of the registrations and of access, lower case, once each", async () => {
    const store = new AzureStore(source({ registrations: [], access: [access] }));
    await store.refresh();
    expect(store.namespaces([NS, NS.toLowerCase()])).toEqual(["contoso.servicebus.windows.net", "other.servicebus.windows.net"]);
    expect(store.accessOf("OTHER.servicebus.windows.net")).toBe(access);
  });

  it("keeps the report of a secure run on its row, and runs one at a time", async () => {
    let finish!: (r: SecureRegistrationReport) => void;
    const report = { ruleName: "ecs-core-host-listen" } as SecureRegistrationReport;
    const store = new AzureStore(source({ registrations: [], access: [] }, () => new Promise((r) => (finish = r))));
    const running = store.secure("a");
    expect(store.row("a").securing).toBe(true);
    expect(await store.secure("b")).toBeUndefined();
    finish(report);
    expect(await running).toBe(report);
    expect(store.row("a")).toMatchObject({ securing: false, outcome: { report } });
  });

  it("keeps the error of a failed run, and forgets a removed registration", async () => {
    const failure = new Error("refused");
    const store = new AzureStore(source({ registrations: [entry("a")], access: [] }, async () => Promise.reject(failure)));
    await store.refresh();
    expect(await store.secure("a")).toBeUndefined();
    expect(store.row("a").outcome).toEqual({ error: failure });
    store.forget("a");
    expect(store.row("a")).toEqual({ data: undefined, outcome: undefined, securing: false });
  });
});

describe("raised suspicions", () => {
  const withRelay = (id: string, halfOpenSuspected: boolean, foreignListenersSuspected = false): RegistrationAzure => ({
    ...entry(id),
    relay: { halfOpenSuspected, foreignListenersSuspected } as RegistrationAzure["relay"],
  });

  it("lists only suspicions that were not there before", () => {
    const before = new Map([["a", withRelay("a", true)], ["b", withRelay("b", false)]]);
    expect(raisedSince(before, [withRelay("a", true, true), withRelay("b", true), withRelay("c", false, true)])).toEqual([
      { id: "a", kind: "foreign" },
      { id: "b", kind: "halfOpen" },
      { id: "c", kind: "foreign" },
    ]);
  });

  it("refresh reports none on the first answer (the page shows them), then what was raised", async () => {
    const view = { registrations: [withRelay("a", true)], access: [] };
    const store = new AzureStore(source(view));
    expect(await store.refresh()).toEqual([]);
    view.registrations = [withRelay("a", true, true)];
    expect(await store.refresh()).toEqual([{ id: "a", kind: "foreign" }]);
    expect(await store.refresh()).toEqual([]);
  });
});
