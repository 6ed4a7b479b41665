/** Names shared by the bench's processes (kept apart from the child entries, which start when imported). */

/** The hybrid connection the bare hyco-https forwarder listens on. */
export const BARE_HC = "bench-bare";
/** The hybrid connection a second plugin host on the native engine listens on (scenarios 1 and 7, side by side). */
export const NATIVE_HC = "bench-native";
/** The hybrid connection of scenario 8's host with the request journal off (added through the emulator's admin API). */
export const JOURNAL_OFF_HC = "bench-journal-off";
/** The emulator's default hybrid connection, which the plugin's registration uses in scenarios 1, 2 and 4. */
export const PLUGIN_HC = "ecs-core";
