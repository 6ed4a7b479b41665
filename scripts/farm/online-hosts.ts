/** Which hosts list every registration ONLINE, waiting up to `timeoutMs` for all of them (a listener takes a moment). */
import type { ReferenceHost } from "../../server/host/reference/host";

export async function onlineHostIds(hosts: Array<{ id: string; host: ReferenceHost }>, timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const online: string[] = [];
    for (const { id, host } of hosts) if (await allOnline(host)) online.push(id);
    if (online.length === hosts.length || Date.now() > deadline) return online;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function allOnline(host: ReferenceHost): Promise<boolean> {
  const res = await fetch(`${host.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${host.adminToken}` },
    body: JSON.stringify({ query: "{ relayRegistrations { status { state } } }" }),
  }).catch(() => undefined);
  if (!res?.ok) return false;
  const body = (await res.json()) as { data?: { relayRegistrations: Array<{ status: { state: string } }> } };
  const list = body.data?.relayRegistrations ?? [];
  return list.length > 0 && list.every((r) => r.status.state === "ONLINE");
}
