/** The glue between `startEmulator({ arm })` and the ARM endpoint, so index.ts needs only a few lines. */
import type { EmulatorNamespace } from "../namespace";
import { startArmEndpoint, type ArmEndpoint } from "./arm-endpoint";

/** `true` for the defaults, or the ARM coordinates to serve the namespace under. */
export type EmulatorArmOption =
  | boolean
  | {
      /** @default "00000000-0000-0000-0000-000000000000" */
      subscriptionId?: string;
      /** @default "ecs-core-emulator" */
      resourceGroup?: string;
      /** @default the namespace's name (`emulator`) */
      namespaceName?: string;
    };

/** What `emu.arm` holds: everything a RelayAPI client needs to reach the emulator's namespace. */
export type EmulatorArm = Pick<ArmEndpoint, "url" | "caCert" | "subscriptionId" | "resourceGroup" | "namespaceName" | "stop">;

export async function startEmulatorArm(
  option: EmulatorArmOption | undefined,
  ns: EmulatorNamespace,
  namespaceHost: () => string,
  log: (line: string) => void,
): Promise<EmulatorArm | undefined> {
  if (!option) return undefined;
  const coordinates = option === true ? {} : option;
  // listKeys hands out strings the plugin can paste, so they point at the emulator's data plane.
  return startArmEndpoint({ namespace: ns, ...coordinates, namespaceHost, connectionStringSuffix: ";UseDevelopmentEmulator=true", log });
}
