/**
 * The status subscription survives a dropped socket: the tab says live updates are interrupted, graphql-ws
 * reconnects (a fresh client after a close graphql-ws deems fatal, here 1011), and status events flow again (announcements come only from events, never from the
 * periodic refresh, so an announced change proves the subscription is back).
 */
import type { WebSocketRoute } from "playwright-core";
import { leakedSecrets, type SignedInPage } from "../../support/browser";
import { emulatorAdmin } from "../../support/emulator";
import { HYBRID, recordAnnouncements, waitForAnnouncement, waitForBadge, type E2E, secretsOf, unexpectedErrors, useTab } from "./tab-page";
import { waitUntil } from "../../support/eventually";

jest.setTimeout(90_000);

let e2e: E2E;
let tab: SignedInPage;
const sockets: WebSocketRoute[] = [];
/** While false, new sockets are closed at once, like a network that is down. */
let online = true;

useTab(
  {
    withRegistration: true,
    open: {
      beforeOpen: (page) =>
        page.routeWebSocket(/\/graphql$/, (ws) => {
          if (!online) return ws.close({ code: 1013, reason: "try again later" });
          ws.connectToServer();
          sockets.push(ws);
        }),
    },
    ready: async ({ tab }) => {
      await waitForBadge(tab.page, HYBRID, "ONLINE");
      await recordAnnouncements(tab.page);
    },
  },
  (started) => ({ e2e, tab } = started),
);

test("a dropped socket is shown, retried, and live events come back", async () => {
  const { page } = tab;
  expect(sockets.length).toBeGreaterThan(0);
  online = false;
  await sockets[sockets.length - 1].close({ code: 1011, reason: "gateway recycled" });
  await page.getByText("Live updates interrupted — reconnecting…").waitFor({ timeout: 10_000 });
  await tab.screenshot("live-updates--interrupted");
  const before = sockets.length;
  online = true;
  await page.getByText("Live updates interrupted — reconnecting…").waitFor({ state: "detached", timeout: 30_000 });
  expect(sockets.length).toBeGreaterThan(before);
  // A state change now arrives as an event again.
  await emulatorAdmin(e2e.stack.emulator, "POST", "faults/refuse-listeners", { hybridConnection: HYBRID, seconds: 2 });
  await emulatorAdmin(e2e.stack.emulator, "POST", "faults/drop-listeners", { hybridConnection: HYBRID });
  await waitForAnnouncement(page, `${HYBRID}: Reconnecting`, 15_000);
  await waitForBadge(page, HYBRID, "ONLINE", 20_000);
});

test("a socket closed with a code graphql-ws retries itself (1001) comes back too; a removal made elsewhere shows up", async () => {
  const { page } = tab;
  const before = sockets.length;
  await sockets[sockets.length - 1].close({ code: 1001, reason: "going away" });
  await page.getByText("Live updates interrupted — reconnecting…").waitFor({ state: "detached", timeout: 30_000 });
  await waitFor(() => sockets.length > before);
  // Removed by a script, not through this tab: the tab follows (refetch after reconnect, or the periodic refresh).
  const { body } = await e2e.stack.host.gql("{ relayRegistrations { id } }");
  const id = (body.data as { relayRegistrations: Array<{ id: string }> }).relayRegistrations[0].id;
  await e2e.stack.host.gql("mutation($id: ID!) { removeRelayRegistration(id: $id) }", { id });
  await page.getByRole("heading", { name: "No relay registrations yet" }).waitFor({ timeout: 15_000 });
});

const waitFor = (condition: () => boolean, timeout = 10_000): Promise<void> => waitUntil("condition", condition, timeout, 50);

test("nothing secret reached the console, and no console errors", () => {
  expect(leakedSecrets(tab.console, secretsOf(e2e))).toEqual([]);
  expect(unexpectedErrors(tab)).toEqual([]);
});
