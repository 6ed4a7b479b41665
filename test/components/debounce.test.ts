import { debounce } from "../../components/src/debounce";
import { subscriptionUrl } from "../../components/src/status-subscription";

describe("debounce", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("runs once, with the last arguments, after the pause", () => {
    const fn = jest.fn();
    const d = debounce(fn, 300);
    d("a");
    jest.advanceTimersByTime(200);
    d("ab");
    jest.advanceTimersByTime(299);
    expect(fn).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith("ab");
  });

  it("never runs after cancel", () => {
    const fn = jest.fn();
    const d = debounce(fn, 300);
    d();
    d.cancel();
    jest.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe("subscriptionUrl", () => {
  it("follows the page's scheme so the session cookie goes along", () => {
    expect(subscriptionUrl({ protocol: "http:", host: "127.0.0.1:8080" })).toBe("ws://127.0.0.1:8080/graphql");
    expect(subscriptionUrl({ protocol: "https:", host: "ecs.example.com" })).toBe("wss://ecs.example.com/graphql");
  });
});
