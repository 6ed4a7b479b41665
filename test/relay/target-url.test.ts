import { buildTargetLocation, stripHybridConnection } from "../../server/relay/target-url";

describe("stripHybridConnection", () => {
  it.each([
    ["/ecs-core/a/b", "ecs-core", "/a/b"],
    ["/ecs-core", "ecs-core", ""],
    ["/ecs-core/", "ecs-core", "/"],
    ["/ECS-Core/a", "ecs-core", "/a"],
    ["/ecs%2Dcore/a", "ecs-core", "/a"],
    ["/team/hc/x", "team/hc", "/x"],
    ["/ecs-core-2/a", "ecs-core", "/ecs-core-2/a"],
    ["/other/a", "ecs-core", "/other/a"],
    // The exact-spelling fast path must agree with the segment comparison on the edges.
    ["/team/hc", "/team/hc/", ""],
    ["/team/hcx/y", "team/hc", "/team/hcx/y"],
    ["/ecs-core//a", "ecs-core", "//a"],
    ["//x", "", "//x"],
    ["/", "", "/"],
  ])("%s without %s is %s", (path, hc, expected) => {
    expect(stripHybridConnection(path, hc)).toBe(expected);
  });
});

describe("buildTargetLocation", () => {
  it("joins the remainder to the target's base path and keeps the query", () => {
    const loc = buildTargetLocation("http://127.0.0.1:8080/base/", "/ecs-core/a/b?x=1", "ecs-core");
    expect(loc).toEqual({ protocol: "http:", hostname: "127.0.0.1", port: 8080, host: "127.0.0.1:8080", path: "/base/a/b?x=1" });
  });

  it("uses exactly one slash whether or not the base ends with one", () => {
    expect(buildTargetLocation("http://h/base", "/ecs-core/a", "ecs-core").path).toBe("/base/a");
    expect(buildTargetLocation("http://h/base/", "/ecs-core/a", "ecs-core").path).toBe("/base/a");
    expect(buildTargetLocation("http://h/", "/ecs-core/a", "ecs-core").path).toBe("/a");
    expect(buildTargetLocation("http://h", "/ecs-core/a", "ecs-core").path).toBe("/a");
  });

  it("maps the bare hybrid connection to the base path itself", () => {
    expect(buildTargetLocation("http://h/base/", "/ecs-core", "ecs-core").path).toBe("/base/");
    expect(buildTargetLocation("http://h/base/", "/ecs-core?q", "ecs-core").path).toBe("/base/?q");
  });

  it("keeps the query byte for byte (no decoding, no re-encoding, order and empties kept)", () => {
    const query = "b=2&a=%20x&&c=&d=%e2%82%ac&e=a+b&f='\"";
    expect(buildTargetLocation("http://h/", `/ecs-core/p?${query}`, "ecs-core").path).toBe(`/p?${query}`);
    expect(buildTargetLocation("http://h/", "/ecs-core/p?", "ecs-core").path).toBe("/p?");
  });

  it("keeps percent-encoding in the path as the sender wrote it", () => {
    expect(buildTargetLocation("http://h/", "/ecs-core/a%2Fb/c%20d", "ecs-core").path).toBe("/a%2Fb/c%20d");
  });

  it("puts the target's own query first", () => {
    expect(buildTargetLocation("http://h/api?key=1", "/ecs-core/x?y=2", "ecs-core").path).toBe("/api/x?key=1&y=2");
    expect(buildTargetLocation("http://h/api?key=1", "/ecs-core/x", "ecs-core").path).toBe("/api/x?key=1");
  });

  it("fills in default ports and accepts https and IPv6 targets", () => {
    expect(buildTargetLocation("https://svc.local/", "/ecs-core/", "ecs-core")).toMatchObject({ protocol: "https:", port: 443 });
    expect(buildTargetLocation("http://[::1]:81/", "/ecs-core/", "ecs-core")).toMatchObject({ hostname: "::1", port: 81, host: "[::1]:81" });
  });

  it("refuses targets that are not http(s)", () => {
    expect(() => buildTargetLocation("ftp://h/", "/ecs-core/", "ecs-core")).toThrow(/http/);
  });
});
