import { RequestRates } from "../../../components/src/overview/request-rate";

describe("RequestRates", () => {
  it("is unknown after one sample and the difference per minute after two", () => {
    const rates = new RequestRates();
    rates.sample("a", 10, 0);
    expect(rates.perMinute("a")).toBeUndefined();
    rates.sample("a", 20, 5_000);
    expect(rates.perMinute("a")).toBe(120);
  });

  it("ignores a sample too close to the last one, and starts over when the counter went down (restart)", () => {
    const rates = new RequestRates();
    rates.sample("a", 0, 0);
    rates.sample("a", 50, 10);
    expect(rates.perMinute("a")).toBeUndefined();
    rates.sample("a", 30, 30_000);
    expect(rates.perMinute("a")).toBe(60);
    rates.sample("a", 2, 40_000);
    expect(rates.perMinute("a")).toBe(60);
    rates.sample("a", 12, 70_000);
    expect(rates.perMinute("a")).toBe(20);
  });

  it("forgets registrations that are gone", () => {
    const rates = new RequestRates();
    rates.sample("a", 0, 0);
    rates.sample("a", 6, 60_000);
    rates.keepOnly(new Set(["b"]));
    expect(rates.perMinute("a")).toBeUndefined();
  });
});
