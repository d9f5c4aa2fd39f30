// examples/dns-as-code.ts, the program packages/dns/README.md shows, run as a user would against the
// stateful zone server: it plans, applies, and a second run finds the zone in sync.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startZoneServer, type ZoneServer } from "@hostup/mock";
import { afterEach, beforeEach, expect, test } from "vitest";

const run = promisify(execFile);
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const here = fileURLToPath(new URL("..", import.meta.url));
let api: ZoneServer;

beforeEach(async () => {
  api = await startZoneServer();
  api.addZone("example.com", [{ type: "A", name: "@", value: "203.0.113.99", ttl: 300 }]);
});
afterEach(() => api.close());

const example = async (...args: string[]) =>
  (
    await run(process.execPath, [tsx, "dns-as-code.ts", ...args], {
      cwd: here,
      env: { ...process.env, HOSTUP_BASE_URL: api.url, HOSTUP_API_KEY: "hk_example_key", HOSTUP_DEBUG: "" },
      timeout: 30_000,
    })
  ).stdout;

test("plans (Markdown), applies, and then finds the zone in sync", async () => {
  const planned = await example("zones/example.com.yaml");
  expect(planned).toContain("### DNS plan for `example.com`");
  expect(planned).toContain("**4** to create, **1** to update, **0** to delete");
  expect(api.calls().filter((call) => !call.startsWith("GET"))).toEqual([]);

  const applied = await example("zones/example.com.yaml", "--apply");
  expect(applied).toContain("5 changes applied");
  expect(api.records("example.com", { type: "TXT", name: "_dmarc" }).map((r) => r.value)).toEqual([
    '"v=DMARC1; p=reject; rua=mailto:dmarc@example.com"',
  ]);

  expect(await example("zones/example.com.yaml")).toContain("In sync with the file: nothing to change");
});

test("packages/dns/README.md shows this program as it is", () => {
  const readme = readFileSync(new URL("../../packages/dns/README.md", import.meta.url), "utf8");
  const program = readFileSync(new URL("../dns-as-code.ts", import.meta.url), "utf8");
  expect(readme).toContain(program.trim());
});
