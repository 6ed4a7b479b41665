/** One health check against real sockets, through the SSRF guard; and the settings' validation. */
import { TargetGuard } from "../../../server/relay/target-guard";
import { checkUrl, TargetChecker } from "../../../server/plugin/health/target-check";
import { DEFAULT_TARGET_HEALTH, validTargetHealth } from "../../../server/plugin/health/target-health-settings";
import { startTestTarget, type TestTarget } from "../../support/target";

let target: TestTarget;
const checker = new TargetChecker(new TargetGuard());

beforeAll(async () => {
  target = await startTestTarget();
});
afterAll(async () => {
  checker.close();
  await target.close();
});

test("a status inside the healthy ranges passes, one outside fails and says which ranges count", async () => {
  expect(await checker.check(target.url, { ...DEFAULT_TARGET_HEALTH, method: "GET", path: "/status/404" })).toEqual({ healthy: true, detail: "GET /status/404 answered 404", outcome: { code: "ANSWERED", params: { check: "GET /status/404", status: 404 } } });
  expect(await checker.check(target.url, { ...DEFAULT_TARGET_HEALTH, path: "/status/503" })).toEqual({
    healthy: false,
    detail: "HEAD /status/503 answered 503 (healthy: 100-499)",
    outcome: { code: "ANSWERED_UNHEALTHY", params: { check: "HEAD /status/503", status: 503, healthyStatuses: "100-499" } },
  });
  expect(await checker.check(target.url, { ...DEFAULT_TARGET_HEALTH, path: "/status/404", healthyStatuses: "200-299" })).toMatchObject({ healthy: false });
  expect(target.requests.at(-1)).toMatchObject({ method: "HEAD", url: "/status/404" });
});

test("a check goes through the target guard: a metadata address is never contacted", async () => {
  const result = await checker.check("http://169.254.169.254/", DEFAULT_TARGET_HEALTH);
  expect(result.healthy).toBe(false);
  expect(result.detail).toMatch(/^HEAD \/ refused: 169\.254\.169\.254 is .*targetAllow/);
});

test("the check path lies below the target URL's base path", () => {
  expect(checkUrl("http://127.0.0.1:8080/app/", "/healthz?full=1").toString()).toBe("http://127.0.0.1:8080/app/healthz?full=1");
  expect(checkUrl("http://127.0.0.1:8080/", "/").toString()).toBe("http://127.0.0.1:8080/");
});

test.each([
  [{ method: "POST" }, "targetHealth.method", /HEAD, GET or OPTIONS/],
  [{ path: "healthz" }, "targetHealth.path", /must start with \//],
  [{ path: "/../admin" }, "targetHealth.path", /'\.\.' segments/],
  [{ intervalMs: 50 }, "targetHealth.intervalMs", /from 100 to 3600000; got 50/],
  [{ failures: 0 }, "targetHealth.failures", /from 1 to 100/],
  [{ healthyStatuses: "2xx" }, "targetHealth.healthyStatuses", /e\.g\. 200-399/],
  [{ healthyStatuses: "500-400" }, "targetHealth.healthyStatuses", /from 100 to 599/],
])("refuses %j naming %s", (input, field, message) => {
  expect(() => validTargetHealth(input as never)).toThrow(expect.objectContaining({ field, message: expect.stringMatching(message) }));
});

test("partial input keeps the current values; null keeps them too", () => {
  const current = validTargetHealth({ path: "/healthz", failures: 5 });
  expect(validTargetHealth({ intervalMs: 20_000, path: null }, current)).toEqual({ ...DEFAULT_TARGET_HEALTH, path: "/healthz", failures: 5, intervalMs: 20_000 });
});
