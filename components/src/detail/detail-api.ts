/**
 * What the registration detail view asks the server, one interface per concern, so each section can be built,
 * tested and shipped as its part of the API exists (detail-client.ts implements them over GraphQL).
 */
import type { JournalEntry, ProbeResult, ReplayResult, StatusHistory, TargetHealthCheck, TargetHealthSettings, TrafficPoint } from "./detail-types";
import type { RequestFilterInput } from "./journal-filter";

export interface TargetHealthInfo {
  targetUrl: string;
  settings: TargetHealthSettings;
  check: TargetHealthCheck | null;
}

export interface ProbeInfo {
  settings: { intervalSeconds: number; hasSendConnectionString: boolean };
  lastProbe: ProbeResult | null;
}

export interface TailHandlers {
  onEntry(entry: JournalEntry): void;
  /** The feed came back after a drop: entries may have been missed (reload the list). */
  onReconnected(): void;
}

export interface DetailApi {
  /** The plugin's permissions the caller holds. */
  permissions(): Promise<readonly string[]>;
  /** null: the registration is gone. */
  targetHealth(id: string): Promise<TargetHealthInfo | null>;
  traffic?(id: string, minutes: number): Promise<readonly TrafficPoint[]>;
  requests?(id: string, filter: RequestFilterInput): Promise<readonly JournalEntry[]>;
  /** Starts the live tail; returns its stop function. */
  tail?(id: string, handlers: TailHandlers): () => void;
  replay?(id: string, requestId: string): Promise<ReplayResult>;
  history?(id: string): Promise<StatusHistory | null>;
  probeInfo?(id: string): Promise<ProbeInfo | null>;
  probe?(id: string): Promise<ProbeResult>;
}

/** The permission that allows replay and probe (mutations). */
export const WRITE_PERMISSION = "azure-relay.registrations:write";
