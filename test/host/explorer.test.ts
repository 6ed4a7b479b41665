/**
 * The API explorer: GraphiQL from the offline bundle at /graphql (browser navigation) for a signed-in admin, no
 * request leaving 127.0.0.1, a query and a subscription run with the session; anonymous visitors go to /login; a
 * script's GET/POST to /graphql still gets GraphQL (and Apollo's CSRF prevention still refuses a simple cross-site post).
 */
import * as path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, saveScreenshot, signedInPage } from "../support/browser";
import { startTestHost, type TestHost } from "../support/host";
import { eventually } from "../support/eventually";

const FIXTURE = path.join(__dirname, "fixtures/fixture-plugin");

/** Types `query` into GraphiQL's editor (CodeMirror 5), runs it, and waits until the result pane holds `expected`. */
async function run(page: Page, query: string, expected: string): Promise<string> {
  await page.evaluate(`document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.setValue(${JSON.stringify(query)})`);
  await page.locator(".graphiql-execute-button").click();
  const result = `document.querySelector(".result-window .CodeMirror").CodeMirror.getValue()`;
  // Polled from node: page.waitForFunction with a string would eval inside the page, which the strict CSP refuses.
  let shown = "";
  const found = await eventually(async () => (shown = (await page.evaluate(result)) as string).includes(expected), 20_000, 50);
  if (!found) throw new Error(`GraphiQL did not show ${expected}; it shows: ${shown}`);
  return (await page.evaluate(result)) as string;
}

describe("API explorer", () => {
  let host: TestHost;
  let browser: Browser;
  beforeAll(async () => {
    host = await startTestHost({ pluginDirs: [FIXTURE] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it("loads GraphiQL offline at /graphql and runs a query and a subscription with the session", async () => {
    const session = await signedInPage(browser, host.url, { token: host.adminToken, viewport: { width: 1440, height: 900 } });
    const foreign: string[] = [];
    session.page.on("request", (request) => {
      if (new URL(request.url()).hostname !== "127.0.0.1") foreign.push(request.url());
    });
    session.page.on("websocket", (socket) => {
      if (new URL(socket.url()).hostname !== "127.0.0.1") foreign.push(socket.url());
    });
    try {
      const { page } = session;
      const response = await page.goto("/graphql");
      expect(response?.status()).toBe(200);
      await page.locator(".graphiql-query-editor .CodeMirror").waitFor({ timeout: 60_000 });
      const query = await run(page, "{ systemOperations { id title } }", "fixture.ping");
      expect(JSON.parse(query)).toEqual({ data: { systemOperations: [{ id: "fixture.ping", title: "Ping the fixture" }] } });
      const subscription = await run(page, "subscription { heartbeat }", "heartbeat");
      expect(JSON.parse(subscription).data.heartbeat).toMatch(/^\d{4}-\d\d-\d\dT/);
      await saveScreenshot(page, "host-api-explorer-1440");
      expect(foreign).toEqual([]);
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it("sends anonymous visitors to /login, and leaves scripts' /graphql alone", async () => {
    const anonymous = await fetch(`${host.url}/graphql`, { headers: { accept: "text/html,application/xhtml+xml" }, redirect: "manual" });
    expect([anonymous.status, anonymous.headers.get("location")]).toEqual([302, "/login"]);
    const explorer = await fetch(`${host.url}/graphql/explorer/explorer.js`, { redirect: "manual" });
    expect(explorer.status).toBe(302);
    const script = await host.gql("{ hostInfo { contractVersion } }");
    expect(script.status).toBe(200);
    const simplePost = await fetch(`${host.url}/graphql`, { method: "POST", headers: { "content-type": "text/plain", cookie: await host.signIn() }, body: JSON.stringify({ query: "{ systemOperations { id } }" }) });
    expect(simplePost.status).toBe(400); // Apollo's CSRF prevention, untouched
  });

  it("serves only its two bundle files, with the explorer page's CSP allowing data: fonts and nothing more", async () => {
    const cookie = await host.signIn();
    const page = await fetch(`${host.url}/graphql/explorer`, { headers: { cookie } });
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self';.*font-src 'self' data:; img-src 'self' data:$/);
    expect((await fetch(`${host.url}/graphql/explorer/explorer.css`, { headers: { cookie } })).headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect((await fetch(`${host.url}/graphql/explorer/package.json`, { headers: { cookie } })).status).toBe(404);
  });
});
