/** The scenarios in the order the issue lists them. */
import type { Scenario } from "../lib/scenario";
import { relayThroughput } from "./relay-throughput";
import { streamMemory } from "./stream-memory";
import { manyRegistrations } from "./many-registrations";
import { recovery } from "./recovery";
import { controlPlane } from "./control-plane";
import { dataPlaneBounds } from "./data-plane-bounds";
import { nativeStreaming } from "./native-streaming";
import { farm } from "./farm";
import { journalCost } from "./journal-cost";

export const SCENARIOS: readonly Scenario[] = [relayThroughput, streamMemory, manyRegistrations, recovery, controlPlane, dataPlaneBounds, nativeStreaming, farm, journalCost];
