/** The failed-token throttle on its own: windows, refunds, the global ceiling, address keys. Time is fake. */
import { addressKey, createLoginThrottle, type LoginThrottle } from "../../server/host/reference/login-throttle";

async function fail(throttle: LoginThrottle, address: string): Promise<number | "ok"> {
  const attempt = await throttle.attempt(address);
  return attempt.ok ? "ok" : attempt.retryAfterSeconds;
}

describe("login throttle", () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date("2026-11-30T12:00:00Z") }));
  afterEach(() => jest.useRealTimers());

  test("allows `maxFailuresPerAddress` failures per window, then says how long to wait; the window's end frees the address", async () => {
    const throttle = createLoginThrottle({ maxFailuresPerAddress: 3, maxFailuresGlobal: 0, windowSeconds: 60 });
    expect([await fail(throttle, "10.0.0.1"), await fail(throttle, "10.0.0.1"), await fail(throttle, "10.0.0.1")]).toEqual(["ok", "ok", "ok"]);
    expect(await fail(throttle, "10.0.0.1")).toBe(60);
    jest.advanceTimersByTime(45_000);
    expect(await fail(throttle, "10.0.0.1")).toBe(15); // refused tries do not extend the wait
    expect(await fail(throttle, "10.0.0.2")).toBe("ok");
    jest.advanceTimersByTime(15_001);
    expect(await fail(throttle, "10.0.0.1")).toBe("ok");
  });

  test("a right token gives its reservation back, in both windows", async () => {
    const throttle = createLoginThrottle({ maxFailuresPerAddress: 2, maxFailuresGlobal: 2, windowSeconds: 60 });
    for (let i = 0; i < 20; i++) {
      const attempt = await throttle.attempt("10.0.0.1");
      if (!attempt.ok) throw new Error("throttled a successful sign-in");
      await attempt.succeeded();
    }
    expect([await fail(throttle, "10.0.0.1"), await fail(throttle, "10.0.0.1"), await fail(throttle, "10.0.0.1")]).toEqual(["ok", "ok", 60]);
  });

  test("the global ceiling refuses every address once reached, without using up their own allowance", async () => {
    const throttle = createLoginThrottle({ maxFailuresPerAddress: 10, maxFailuresGlobal: 4, windowSeconds: 30 });
    for (const address of ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"]) expect(await fail(throttle, address)).toBe("ok");
    expect(await fail(throttle, "10.0.0.9")).toBe(30);
    jest.advanceTimersByTime(30_001);
    expect(await fail(throttle, "10.0.0.9")).toBe("ok");
  });

  test("limits of 0 are off", async () => {
    const throttle = createLoginThrottle({ maxFailuresPerAddress: 0, maxFailuresGlobal: 0, windowSeconds: 60 });
    for (let i = 0; i < 100; i++) expect(await fail(throttle, "10.0.0.1")).toBe("ok");
  });

  test.each([
    ["127.0.0.1", "127.0.0.1"],
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"],
    ["2001:db8:1:2:bbbb:cccc:dddd:eeee", "2001:db8:1:2::/64"],
    ["2001:db8:1:3::1", "2001:db8:1:3::/64"],
    ["::1", "0:0:0:0::/64"],
    [undefined, "unknown"],
    ["not an address", "unknown"],
  ])("address %p is throttled as %p", (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});
