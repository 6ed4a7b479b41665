/**
 * The control-channel URI. Built by hand: hyco-https's createRelayListenUri always adds `:443`, which cannot reach
 * the emulator at 127.0.0.1:PORT (relay-protocol-notes.md §1).
 */
export function listenUri(namespace: string, hybridConnectionName: string, secure: boolean): string {
  const path = hybridConnectionName.split("/").map(encodeURIComponent).join("/");
  return `${secure ? "wss" : "ws"}://${namespace}/$hc/${path}?sb-hc-action=listen`;
}
