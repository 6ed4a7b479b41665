/** The shapes the tab reads from the Azure Relay GraphQL API (schema/azure-relay.graphql), as JSON. */

export type RelayState = "DISABLED" | "CONNECTING" | "ONLINE" | "RECONNECTING" | "UNAUTHORIZED" | "NOT_FOUND" | "FAILED" | "STOPPING";

export const RELAY_STATES: readonly RelayState[] = ["DISABLED", "CONNECTING", "ONLINE", "RECONNECTING", "UNAUTHORIZED", "NOT_FOUND", "FAILED", "STOPPING"];

export interface RelayError {
  code: string;
  message: string;
  advice: string;
}

export interface RelayStatus {
  state: RelayState;
  /** ISO date-time. */
  since: string;
  attempt: number | null;
  nextRetryAt: string | null;
  lastError: RelayError | null;
}

export interface RelayTraffic {
  requests: number;
  failedRequests: { total: number };
  bytesIn: number;
  bytesOut: number;
  lastRequestAt: string | null;
  latencyMs: { p50: number; p95: number; p99: number } | null;
}

export interface RelayRegistration {
  id: string;
  name: string;
  namespace: string;
  hybridConnectionName: string;
  keyName: string;
  keyFingerprint: string;
  targetUrl: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  status: RelayStatus;
  traffic: RelayTraffic;
}

export interface ConnectionStringProblem {
  field: string;
  message: string;
}

export interface ConnectionStringCheck {
  valid: boolean;
  namespace: string | null;
  keyName: string | null;
  keyFingerprint: string | null;
  entityPath: string | null;
  problems: ConnectionStringProblem[];
}

export interface RelayStatusEvent {
  registrationId: string;
  previousState: RelayState | null;
  status: RelayStatus;
}

export interface ClearConsumerCachesReport {
  caches: Array<{ name: string; entriesCleared: number }>;
  listeners: Array<{ registrationId: string; name: string; restarted: boolean }>;
  durationMs: number;
}

export interface AddRegistrationInput {
  connectionString: string;
  name?: string;
  hybridConnectionName?: string;
  targetUrl?: string;
}

export interface UpdateRegistrationInput {
  name?: string;
  targetUrl?: string;
  enabled?: boolean;
  connectionString?: string;
}
