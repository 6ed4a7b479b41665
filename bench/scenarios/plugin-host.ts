/** A host child with the plugin listening on the emulator's default hybrid connection, ONLINE before it returns. */
import path from "node:path";
import type { BenchContext } from "../lib/scenario";
import { PLUGIN_HC } from "../lib/names";
import { addRegistration, startHostChild, waitForAll, type HostChild } from "../lib/stack";


/** --cpu-prof flags for a host child when profiling was asked for; one directory per scenario. */
export function profileArgs(ctx: BenchContext, scenario: string): string[] {
  // The control plane and relay scenarios profile a window instead (window-profile.ts): the host's boot and setup
  // would drown what matters, and its data-plane worker exits without writing a --cpu-prof profile.
  if (!ctx.profileDir || scenario === "control" || scenario === "relay" || scenario === "journal") return [];
  return ["--cpu-prof", `--cpu-prof-dir=${path.join(ctx.profileDir, scenario)}`];
}

/** Which engine and hybrid connection the host's one registration uses (default: `--engine`'s, the default HC). */
export interface PluginHostOptions {
  engine?: string;
  hybridConnection?: string;
  targetUrl?: string;
  /** The host's upload limit (0 = none). Default: the plugin's. */
  maxBodyBytes?: number;
  /** The request journal (and the metrics counted from it): on or off. Default: the plugin's (on). */
  journal?: "on" | "off";
}

export async function startOnlinePluginHost(ctx: BenchContext, scenario: string, options: PluginHostOptions = {}): Promise<HostChild & { registrationId: string }> {
  const host = await startHostChild(ctx.target, profileArgs(ctx, scenario), undefined, options.engine ?? process.env.BENCH_ENGINE, options.maxBodyBytes, options.journal);
  try {
    const registrationId = await addRegistration(host, ctx.emulator, options.hybridConnection ?? PLUGIN_HC, true, options.targetUrl);
    await waitForAll(host, [registrationId], "ONLINE", 20_000);
    return Object.assign(host, { registrationId });
  } catch (error) {
    await host.stop();
    throw error;
  }
}
