import { Announcer, ANNOUNCE_BATCH_MS } from "../../components/src/elements/announcer";

function host() {
  const controllers: unknown[] = [];
  return { controllers, updates: 0, addController: (c: unknown) => void controllers.push(c), requestUpdate() { this.updates++; } } as {
    controllers: unknown[];
    updates: number;
    addController(c: unknown): void;
    requestUpdate(): void;
  };
}

describe("Announcer", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("registers itself with its host and joins messages that arrive together", () => {
    const h = host();
    const a = new Announcer(h as never);
    expect(h.controllers).toEqual([a]);
    a.announce("Registration ecs-core added.");
    a.announce("ecs-core: Online");
    expect(a.text).toBe("");
    jest.advanceTimersByTime(ANNOUNCE_BATCH_MS);
    expect(a.text).toBe("Registration ecs-core added. ecs-core: Online");
    expect(h.updates).toBeGreaterThan(0);
  });

  it("empties the region first so a repeated message is read again", () => {
    const a = new Announcer(host() as never);
    a.announce("ecs-core: Online");
    jest.advanceTimersByTime(ANNOUNCE_BATCH_MS);
    a.announce("ecs-core: Online");
    expect(a.text).toBe("");
    jest.advanceTimersByTime(ANNOUNCE_BATCH_MS);
    expect(a.text).toBe("ecs-core: Online");
  });

  it("says nothing after its host is gone", () => {
    const a = new Announcer(host() as never);
    a.announce("late");
    a.hostDisconnected();
    jest.advanceTimersByTime(ANNOUNCE_BATCH_MS * 4);
    expect(a.text).toBe("");
    expect(jest.getTimerCount()).toBe(0);
  });
});
