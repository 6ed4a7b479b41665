/** HTTP surface of the reference host: health, sign-in, the Management Site shell, static files, headers. */
import * as path from "node:path";
import { startTestHost, type TestHost } from "../support/host";

const FIXTURES = path.join(__dirname, "fixtures");
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

async function get(host: TestHost, pathname: string, cookie?: string): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(host.url + pathname, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function expectNoInlineScript(html: string): void {
  const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
  for (const tag of scripts) expect(tag).toMatch(/\ssrc="/);
  expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers either
}

describe("reference host pages", () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ pluginDirs: [path.join(FIXTURES, "fixture-plugin"), path.join(FIXTURES, "fixture-b")] });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it("/healthz answers 200 {status: ok} once plugins are active", async () => {
    const { status, text } = await get(host, "/healthz");
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({ status: "ok" });
  });

  it("GET /login has a field labelled 'Access token' and a 'Sign in' button, with strict headers", async () => {
    const { status, headers, text } = await get(host, "/login");
    expect(status).toBe(200);
    const id = /<label for="([^"]+)">Access token<\/label>/.exec(text)?.[1];
    expect(id).toBeDefined();
    expect(text).toMatch(new RegExp(`<input id="${id}" name="token" type="password"`));
    expect(text).toMatch(/<button[^>]*type="submit"[^>]*>Sign in<\/button>/);
    expect(headers.get("content-security-policy")).toBe(CSP);
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("referrer-policy")).toBe("no-referrer");
    expectNoInlineScript(text);
  });

  it("POST /login with a valid token sets an HttpOnly SameSite=Strict session cookie and redirects to the first tab", async () => {
    const response = await fetch(`${host.url}/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: host.adminToken }).toString(),
      redirect: "manual",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/settings/fixture-b"); // weight 1 sorts before the fixture's 7
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^ecs_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).toMatch(/;\s*Path=\//);
    expect(cookie).not.toContain(host.adminToken);
  });

  it("POST /login with a wrong token answers 401 with a clear message and no cookie", async () => {
    const response = await fetch(`${host.url}/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "token=wrong",
      redirect: "manual",
    });
    const text = await response.text();
    expect(response.status).toBe(401);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(text).toContain("That access token is not valid");
    expect(text).toContain("Access token");
  });

  it("refuses a cross-origin sign-in form post", async () => {
    const response = await fetch(`${host.url}/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
      body: new URLSearchParams({ token: host.adminToken }).toString(),
      redirect: "manual",
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("accepts a browser's same-origin sign-in even with Origin: null (our no-referrer policy), refuses a cross-site one", async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${host.url}/login`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams({ token: host.adminToken }).toString(),
        redirect: "manual",
      });
    expect((await post({ origin: "null", "sec-fetch-site": "same-origin" })).status).toBe(303);
    expect((await post({ origin: "null", "sec-fetch-site": "cross-site" })).status).toBe(403);
  });

  it("redirects unauthenticated page requests to /login", async () => {
    for (const page of ["/", "/settings/fixture", "/settings/system-operations"]) {
      const { status, headers } = await get(host, page);
      expect([page, status, headers.get("location")]).toEqual([page, 302, "/login"]);
    }
  });

  it("renders the shell with a Settings menu sorted by weight and mounts the tab's element from its bundle", async () => {
    const cookie = await host.signIn();
    const { status, headers, text } = await get(host, "/settings/fixture", cookie);
    expect(status).toBe(200);
    expect(headers.get("content-security-policy")).toBe(CSP);
    const menu = [...text.matchAll(/<nav[\s\S]*?<\/nav>/g)][0][0];
    const items = [...menu.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(items).toEqual([
      ["/settings/fixture-b", "Fixture B"],
      ["/settings/fixture", "Fixture"],
      ["/settings/system-operations", "System Operations"],
    ]);
    expect(text).toContain('<fixture-settings lang="en-GB"></fixture-settings>');
    expect(text).toContain('<script type="module" src="/plugins/fixture/dist/fixture.js"></script>');
    expectNoInlineScript(text);
  });

  it("shows a reader only the tabs their permissions allow, and 403 for the others", async () => {
    const cookie = await host.signIn(host.readerToken);
    const own = await get(host, "/settings/fixture", cookie);
    expect(own.text).not.toContain('href="/settings/fixture-b"');
    expect((await get(host, "/settings/fixture-b", cookie)).status).toBe(403);
    expect((await get(host, "/settings/no-such-tab", cookie)).status).toBe(404);
  });

  it("lists system operations with a Run form for those allowed, and a permission note for others", async () => {
    const admin = await get(host, "/settings/system-operations", await host.signIn());
    expect(admin.status).toBe(200);
    expect(admin.text).toContain("Ping the fixture");
    expect(admin.text).toMatch(/<form method="post" action="\/settings\/system-operations\/fixture\.ping">/);
    expectNoInlineScript(admin.text);
    const reader = await get(host, "/settings/system-operations", await host.signIn(host.readerToken));
    expect(reader.text).toContain("Ping the fixture");
    expect(reader.text).not.toContain('action="/settings/system-operations/fixture.ping"');
    expect(reader.text).toContain("Needs the permission <code>fixture.operations:run</code>");
  });

  it("runs an operation from its form, asking for the confirmation the manifest requires", async () => {
    const runs: string[] = [];
    const registration = host.services.forPlugin("fixture").systemOperations.register({
      id: "fixture.manual", title: "", description: "", permission: "", confirm: true,
      run: async (caller) => (runs.push(caller.kind), { ok: true, summary: "Manual work done", details: { cleared: 3 } }),
    });
    const post = async (cookie: string, body: string, origin?: string, extra: Record<string, string> = {}) => {
      const response = await fetch(`${host.url}/settings/system-operations/fixture.manual`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...(origin ? { "sec-fetch-site": "cross-site", origin } : {}), ...extra },
        body,
        redirect: "manual",
      });
      return { status: response.status, text: await response.text() };
    };
    try {
      const cookie = await host.signIn();
      const page = await get(host, "/settings/system-operations", cookie);
      expect(page.text).toMatch(/<input type="checkbox" name="confirm" value="yes" required>/);
      const unconfirmed = await post(cookie, "");
      expect([unconfirmed.status, runs]).toEqual([400, []]);
      expect(unconfirmed.text).toContain("Tick the confirmation box");
      const crossSite = await post(cookie, "confirm=yes", "https://evil.example");
      expect([crossSite.status, runs]).toEqual([403, []]);
      const reader = await post(await host.signIn(host.readerToken), "confirm=yes");
      expect([reader.status, runs]).toEqual([403, []]);
      const done = await post(cookie, "confirm=yes");
      expect([done.status, runs]).toEqual([200, ["session"]]);
      // Readable, not a JSON dump: the details as a definition list.
      expect(done.text).toMatch(/role="status" tabindex="-1"><h3>Manual fixture operation: done<\/h3><p>Manual work done<\/p><h4>Details<\/h4><dl><dt>cleared<\/dt><dd>3<\/dd><\/dl>/);
      expect(done.text).not.toContain("<pre>");
      expectNoInlineScript(done.text);
      const anonymous = await fetch(`${host.url}/settings/system-operations/fixture.manual`, { method: "POST", body: "confirm=yes", redirect: "manual" });
      expect([anonymous.status, anonymous.headers.get("location"), runs.length]).toEqual([303, "/login", 1]);
      const fragment = await post(cookie, "confirm=yes", undefined, { "x-requested-with": "fetch" });
      expect(fragment.text).toMatch(/^<div class="card outcome-ok" role="status"/); // the page script's request: only the outcome card
    } finally {
      registration.dispose();
    }
  });

  it("serves the plugin's bundle with a JavaScript type, and nothing outside its components folder", async () => {
    const bundle = await get(host, "/plugins/fixture/dist/fixture.js");
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(bundle.text).toContain("fixture-settings");
    for (const attempt of ["/plugins/fixture/plugin.json", "/plugins/fixture/index.ts", "/plugins/fixture/dist/..%2Fplugin.json", "/plugins/fixture/dist/%2e%2e/index.ts", "/plugins/fixture/..%2f..%2f..%2fpackage.json", "/plugins/nope/dist/fixture.js"]) {
      const { status, text } = await get(host, attempt);
      expect([attempt, status]).toEqual([attempt, 404]);
      expect(text).not.toContain("activate");
    }
  });

  it("POST /logout ends the session", async () => {
    const cookie = await host.signIn();
    const out = await fetch(`${host.url}/logout`, { method: "POST", headers: { cookie }, redirect: "manual" });
    expect(out.status).toBe(303);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect((await get(host, "/settings/fixture", cookie)).status).toBe(302);
  });
});

describe("a host set to German", () => {
  it("mounts the tab and marks its pages in the host's language", async () => {
    const host = await startTestHost({ pluginDirs: [path.join(FIXTURES, "fixture-plugin")], env: { ECS_LANGUAGE: "de-DE" } });
    try {
      const { text } = await get(host, "/settings/fixture", await host.signIn());
      expect(text).toContain('<html lang="de-DE">');
      expect(text).toMatch(/<fixture-settings lang="de-DE"><\/fixture-settings>/);
    } finally {
      await host.stop();
    }
  });
});
