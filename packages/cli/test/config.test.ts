// Where the CLI's settings come from and what it refuses in them before anything is sent: a config
// file that is another user's, an API key that no HTTP header can carry, a timeout that is no number.
import { chownSync, statSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { refuseIfAnotherUsers } from "../src/config.js";
import { toMock, withLocalApi } from "./local-api.js";
import { API_KEY, hostup, type TestIo } from "./run.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hostup-cli-config-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let files = 0;
/** A config file with this content, mode 600, owned by the user running the tests. */
async function configFile(content: unknown): Promise<string> {
  const file = join(dir, `config-${++files}.json`);
  await writeFile(file, JSON.stringify(content), { mode: 0o600 });
  return file;
}

/**
 * Makes `file` another user's: as root (as the tests run here), chown'ed to uid 12345; as anyone
 * else, who cannot give a file away, the run is told it is another user than the file's owner.
 */
function anotherUsers(file: string): Partial<TestIo> {
  const me = process.getuid!();
  if (me !== 0) return { uid: me + 1 };
  chownSync(file, 12345, 12345);
  return {};
}

describe("a config file that is another user's", () => {
  test("is refused even with mode 600, saying why; nothing is sent", async () => {
    await withLocalApi(toMock(), async (api) => {
      const file = await configFile({ apiKey: API_KEY });
      const io = anotherUsers(file);
      const owner = statSync(file).uid;
      const run = await hostup(["domains", "list"], { HOSTUP_API_KEY: "", HOSTUP_CONFIG: file, HOSTUP_BASE_URL: api.url }, io);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^Error: Refusing to read ${file}: it belongs to another user \\(uid ${owner}\\)`));
      expect(run.stderr).toContain("whatever its mode");
      expect(run.stderr).not.toContain(API_KEY);
      expect(api.requests).toEqual([]);
    });
  });

  test("is refused also when the key comes from HOSTUP_API_KEY: its baseUrl would get the key", async () => {
    await withLocalApi(toMock(), async (elsewhere) => {
      const file = await configFile({ baseUrl: elsewhere.url });
      const run = await hostup(["domains", "list"], { HOSTUP_CONFIG: file, HOSTUP_BASE_URL: undefined }, anotherUsers(file));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("it belongs to another user");
      expect(elsewhere.requests).toEqual([]);
    });
  });

  test("yours or root's is read (ssh's rule); without user IDs (Windows) there is nothing to check", () => {
    expect(() => refuseIfAnotherUsers("/f", 1000, 1000)).not.toThrow();
    expect(() => refuseIfAnotherUsers("/f", 0, 1000)).not.toThrow();
    expect(() => refuseIfAnotherUsers("/f", 0, 0)).not.toThrow();
    expect(() => refuseIfAnotherUsers("/f", 12345, 1000)).toThrow(/^Refusing to read \/f: it belongs to another user \(uid 12345\)/);
    expect(() => refuseIfAnotherUsers("/f", 1000, 0)).toThrow(/another user \(uid 1000\)/);
    expect(() => refuseIfAnotherUsers("/f", 12345, undefined)).not.toThrow();
  });
});

describe("an API key that no HTTP header can carry is refused before sending (exit 2), saying which character and where", () => {
  const at7 = (character: string) => `${API_KEY.slice(0, 6)}${character}${API_KEY.slice(6)}`;
  test.each([
    ["a zero-width space", at7("\u200b"), "character 7 of 27 is U+200B (zero-width space)"],
    ["an en dash", at7("–"), "character 7 of 27 is U+2013 (en dash)"],
    ["a non-ASCII letter", at7("é"), "character 7 of 27 is U+00E9"],
    ["a control character", at7("\u0007"), "character 7 of 27 is U+0007 (control character)"],
    ["a no-break space", at7("\u00a0"), "character 7 of 27 is U+00A0 (no-break space)"],
    ["a character outside the BMP, counted as one", `${API_KEY}😀x`, "character 27 of 28 is U+1F600"],
  ])("%s in HOSTUP_API_KEY", async (_, key, where) => {
    await withLocalApi(toMock(), async (api) => {
      const run = await hostup(["domains", "list"], { HOSTUP_API_KEY: key, HOSTUP_BASE_URL: api.url });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `Error: HOSTUP_API_KEY cannot be sent in an HTTP header: ${where}. An API key is printable ASCII: copy it again from the HostUp customer portal.\n`,
      );
      expect(run.stderr).not.toContain(API_KEY.slice(6));
      expect(api.requests).toEqual([]);
    });
  });

  test("in the config file's apiKey, naming the file", async () => {
    await withLocalApi(toMock(), async (api) => {
      const file = await configFile({ apiKey: `${API_KEY}\n` });
      const run = await hostup(["--json", "domains", "list"], { HOSTUP_API_KEY: "", HOSTUP_CONFIG: file, HOSTUP_BASE_URL: api.url });
      expect(run.code).toBe(2);
      expect(JSON.parse(run.stderr).error.message).toBe(
        `The apiKey in ${file} cannot be sent in an HTTP header: character 27 of 27 is U+000A (line feed). An API key is printable ASCII: copy it again from the HostUp customer portal.`,
      );
      expect(run.stderr).not.toContain(API_KEY);
      expect(api.requests).toEqual([]);
    });
  });
});

describe("the request timeout without flags (lego's exec provider, certbot's hooks): HOSTUP_TIMEOUT and the config file's timeout", () => {
  /** An API that never answers, so that the timeout in force shows in the error. */
  async function withSilentApi(use: (url: string) => Promise<void>): Promise<void> {
    const server = createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  test("--timeout wins over HOSTUP_TIMEOUT, which wins over the config file's timeout", async () => {
    // The timeouts run on real time, against a real (silent) server; they are short, and the command's
    // request is one the SDK never repeats (createDynDnsConfig), so no retry backoff (0.5 s, then 1 s) is
    // sat through: the backoff is the SDK's, tested on a fake clock there.
    const create = ["dyndns", "create", "dom_01hxa3b4c5d6e7f8g9h0j1k2m3", "--hostname", "home.example.com", "--type", "A"];
    await withSilentApi(async (url) => {
      const file = await configFile({ apiKey: API_KEY, timeout: 30 });
      const env = { HOSTUP_API_KEY: "", HOSTUP_CONFIG: file, HOSTUP_BASE_URL: url, HOSTUP_TIMEOUT: undefined };
      const fromFile = await hostup(create, env);
      expect(fromFile.code).toBe(4);
      expect(fromFile.stderr).toContain("timed out after 30 ms");
      const fromEnv = await hostup(create, { ...env, HOSTUP_TIMEOUT: "20" });
      expect(fromEnv.code).toBe(4);
      expect(fromEnv.stderr).toContain("timed out after 20 ms");
      const fromFlag = await hostup(["--timeout", "10", ...create], { ...env, HOSTUP_TIMEOUT: "20" });
      expect(fromFlag.code).toBe(4);
      expect(fromFlag.stderr).toContain("timed out after 10 ms");
    });
  });

  test.each([["soon"], ["0"], ["1.5"], ["-5"], ["30s"]])(
    "HOSTUP_TIMEOUT=%s is a usage error, as the same --timeout is (nothing sent)",
    async (value) => {
      await withLocalApi(toMock(), async (api) => {
        const run = await hostup(["domains", "list"], { HOSTUP_TIMEOUT: value, HOSTUP_BASE_URL: api.url });
        expect(run).toMatchObject({ code: 2, stderr: "Error: HOSTUP_TIMEOUT must be a whole number ≥ 1 (milliseconds, as --timeout).\n" });
        const flag = await hostup(["--timeout", value, "domains", "list"], { HOSTUP_BASE_URL: api.url });
        expect(flag.code).toBe(2);
        expect(api.requests).toEqual([]);
      });
    },
  );

  test.each([["30s"], [0], [1.5], [null]])(
    "a config file's timeout of %j is a usage error naming the file (nothing sent)",
    async (timeout) => {
      await withLocalApi(toMock(), async (api) => {
        const file = await configFile({ apiKey: API_KEY, timeout });
        const run = await hostup(["domains", "list"], { HOSTUP_API_KEY: "", HOSTUP_CONFIG: file, HOSTUP_BASE_URL: api.url });
        expect(run).toMatchObject({
          code: 2,
          stderr: `Error: ${file}: "timeout" must be a whole number ≥ 1 (milliseconds, as --timeout).\n`,
        });
        expect(api.requests).toEqual([]);
      });
    },
  );
});
