/** Access tokens given by environment must be long enough to resist guessing; the refusal names the variable, never the value. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadHostConfig } from "../../server/host/reference/config";
import { ensureCredentials } from "../../server/host/reference/credentials";
import { MIN_TOKEN_LENGTH } from "../../server/host/reference/token-strength";
import { startTestHost } from "../support/host";

const FIXTURE = path.join(__dirname, "fixtures", "fixture-plugin");
const dirs: string[] = [];
const dataDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-credentials-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe("tokens from the environment", () => {
  test.each([
    ["ECS_ADMIN_TOKEN", "short-admin-secret", 18],
    ["ECS_READER_TOKEN", "r".repeat(31), 31],
  ])("%s shorter than 32 characters is refused, saying which, how long, and how to make one", (variable, token, length) => {
    const config = loadHostConfig({ ECS_DATA_DIR: dataDir(), [variable]: token });
    let message = "";
    try {
      ensureCredentials(config);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      `${variable} is ${length} characters long; access tokens must have at least 32. ` +
        `Generate one with \`openssl rand -hex 32\`, or unset ${variable} to let the host generate and save one.`,
    );
    expect(message).not.toContain(token);
  });

  test("32 characters are enough; the host starts with them", async () => {
    expect(MIN_TOKEN_LENGTH).toBe(32);
    const admin = "a1".repeat(16);
    const host = await startTestHost({ pluginDirs: [FIXTURE], env: { ECS_ADMIN_TOKEN: admin, ECS_READER_TOKEN: "b2".repeat(16) } });
    try {
      expect(host.adminToken).toBe(admin);
    } finally {
      await host.stop();
    }
  });

  test("a host given a short token does not start", async () => {
    await expect(startTestHost({ pluginDirs: [FIXTURE], env: { ECS_ADMIN_TOKEN: "admin" } })).rejects.toThrow(/^ECS_ADMIN_TOKEN is 5 characters long/);
  });
});
