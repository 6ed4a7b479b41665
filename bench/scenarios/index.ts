/** The scenarios in the order the issue lists them. */
import type { Scenario } from "../lib/scenario";
import { relayThroughput } from "./relay-throughput";

export const SCENARIOS: readonly Scenario[] = [relayThroughput];
