/** The advice strings of the two suspicions on a relay, in plain language for the admin. */

export function halfOpenAdvice(graceMs: number): string {
  return (
    `This server's listener reports ONLINE, but Azure has counted no listener on this hybrid connection for more than ${Math.round(graceMs / 1000)} s: ` +
    "the connection is probably half-open (dropped silently by a proxy, firewall or NAT), and cloud requests are not reaching this server. " +
    "Restart the listener; if it happens again, look for devices with idle timeouts on outbound port 443."
  );
}

export function foreignListenersAdvice(azureCount: number, ours: number): string {
  return (
    `Azure counts ${azureCount} listener${azureCount === 1 ? "" : "s"} but ECS Core runs ${ours}: another program listens with a key of this namespace and receives part of the requests. ` +
    "If it is not an ECS Core server this farm does not know of (the farm counts its live hosts; the azure-relay.management.farmHosts setting overrides that count), the key has probably leaked: " +
    "move this registration to its own Listen-only rule (Secure registration), then regenerate the keys of the rule the other program uses."
  );
}
