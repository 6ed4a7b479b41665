/**
 * The prober, attached to the plugin's RelayApi without changing it (as management-api.ts does): the schema
 * container builds every resolver from the RelayApi alone.
 */
import type { ProbeService } from "./probe.service";

const byApi = new WeakMap<object, ProbeService>();

export function attachProbeService(api: object, prober: ProbeService): void {
  byApi.set(api, prober);
}

export function probeServiceOf(api: object): ProbeService {
  const found = byApi.get(api);
  if (!found) throw new Error("the probe service is not wired to this RelayApi");
  return found;
}
