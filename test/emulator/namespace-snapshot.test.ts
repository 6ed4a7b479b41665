/**
 * The emulator namespace survives a restart when saved (npm start's data folder, `--persist`): hybrid connections
 * created through the admin API, rules and regenerated keys are in the file (0600) and a new emulator built from it
 * has them, with the same connection strings.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadConfigFile } from "../../server/emulator/config";
import { saveNamespaceOnChange } from "../../server/emulator/namespace-snapshot";
import { parseCli } from "../../server/emulator/cli";
import { emulatorAdmin, startTestEmulator, type RelayEmulator } from "../support/emulator";

describe("emulator namespace snapshot", () => {
  let dir: string;
  const running: RelayEmulator[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-ns-"));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((emu) => emu.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keeps hybrid connections, rules and keys created at run time across a restart", async () => {
    const file = path.join(dir, "emulator-namespace.json");
    const first = await startTestEmulator();
    running.push(first);
    saveNamespaceOnChange(first.namespace, file);
    expect((await emulatorAdmin(first, "POST", "hybrid-connections", { name: "tour" })).status).toBe(201);
    expect((await emulatorAdmin(first, "POST", "rules", { name: "tour-listen", rights: ["Listen"], hybridConnection: "tour" })).status).toBe(201);
    await emulatorAdmin(first, "POST", "rules/ecs-core-listen/regenerate", { keyType: "PrimaryKey" });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const before = first.connectionStrings().map((cs) => cs.connectionString.replace(/127\.0\.0\.1:\d+/, "HOST"));

    const second = await startTestEmulator({ config: loadConfigFile(file) });
    running.push(second);
    expect(second.namespace.listHybridConnections().map((hc) => hc.name).sort()).toEqual(["ecs-core", "tour"]);
    expect(second.namespace.getRule("tour-listen")).toMatchObject({ rights: ["Listen"], hybridConnection: "tour" });
    expect(second.connectionStrings().map((cs) => cs.connectionString.replace(/127\.0\.0\.1:\d+/, "HOST"))).toEqual(before);
  });

  it("the CLI has --persist (with --config) and --arm", () => {
    const file = path.join(dir, "ns.json");
    fs.writeFileSync(file, "{}");
    expect(parseCli(["--config", file, "--persist", "--arm"], {})).toMatchObject({ persistFile: file, arm: true });
    expect(parseCli([], {})).toMatchObject({ persistFile: undefined, arm: undefined });
    expect(() => parseCli(["--persist"], {})).toThrow(/--config/);
  });
});
