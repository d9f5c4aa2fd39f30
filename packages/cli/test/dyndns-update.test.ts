import { chownSync, statSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { HOSTNAME, type TextServer, TOKEN, textServer, tokenOnlyEnv } from "./dyndns-update-servers.js";
import { hostup, type TestIo } from "./run.js";

let dyndns: TextServer;
let echo: TextServer;
let dir: string;

beforeAll(async () => {
  dyndns = await textServer("good 1.2.3.4");
  echo = await textServer("1.2.3.4");
  dir = await mkdtemp(join(tmpdir(), "hostup-dyndns-"));
});
afterAll(async () => {
  await Promise.all([dyndns.close(), echo.close(), rm(dir, { recursive: true, force: true })]);
});
afterEach(() => {
  dyndns.hits.length = 0;
  echo.hits.length = 0;
  dyndns.answer("good 1.2.3.4");
  echo.answer("1.2.3.4");
});

/** `hostup dyndns update --hostname home.example.com …` against the local update server, with only a DynDNS token. */
const update = (args: string[], env: Record<string, string | undefined> = {}, io: Partial<TestIo> = {}) =>
  hostup(["dyndns", "update", "--hostname", HOSTNAME, ...args], tokenOnlyEnv({ HOSTUP_BASE_URL: dyndns.url, ...env }), io);

const expectNoToken = (run: { stdout: string; stderr: string }) => {
  expect(run.stdout).not.toContain(TOKEN);
  expect(run.stderr).not.toContain(TOKEN);
};

describe("hostup dyndns update (once)", () => {
  test("good: sends hostname, token and ip with no Authorization and the CLI's User-Agent, prints the answer, exits 0, with no API key or config file", async () => {
    const run = await update(["--ip", "1.2.3.4"]);
    expect(run).toMatchObject({ code: 0, stdout: `${HOSTNAME}: good 1.2.3.4\n`, stderr: "" });
    expect(dyndns.hits).toHaveLength(1);
    const [hit] = dyndns.hits;
    expect(Object.fromEntries(hit!.query)).toStrictEqual({ hostname: HOSTNAME, token: TOKEN, ip: "1.2.3.4" });
    expect(hit!.headers.authorization).toBeUndefined();
    expect(hit!.headers["user-agent"]).toMatch(/hostup-cli\/\d/);
  });

  test("nochg exits 0 too; --json prints { hostname, status, ip } and no token", async () => {
    dyndns.answer("nochg 1.2.3.4");
    const run = await update(["--ip", "1.2.3.4", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toStrictEqual({ hostname: HOSTNAME, status: "nochg", ip: "1.2.3.4" });
    expectNoToken(run);
  });

  test("without an address option, no ip is sent: the API uses the address the request comes from", async () => {
    dyndns.answer("good 127.0.0.1");
    const run = await update([]);
    expect(run.stdout).toBe(`${HOSTNAME}: good 127.0.0.1\n`);
    expect(dyndns.hits[0]!.query.has("ip")).toBe(false);
  });

  test.each(["badauth", "notfqdn", "nohost", "abuse", "badagent", "dnserr", "911"])(
    "refused with %s: exit 3 (API error), the code named, no token printed",
    async (code) => {
      dyndns.answer(code);
      const run = await update(["--ip", "1.2.3.4"]);
      expect(run.code).toBe(3);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain(`refused with "${code}"`);
      expectNoToken(run);
      expect(dyndns.hits).toHaveLength(1); // a refusal is never retried
    },
  );

  test("--json puts a refusal on stderr as JSON with its code, and no token", async () => {
    dyndns.answer("badauth");
    const run = await update(["--ip", "1.2.3.4", "--json"]);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stderr).error).toMatchObject({ name: "HostupDynDnsError", code: "badauth" });
    expectNoToken(run);
  });

  test("an update server that cannot be reached exits 4 (network error) without printing the token", async () => {
    const closed = await textServer("good 1.2.3.4");
    await closed.close();
    const run = await update(["--ip", "1.2.3.4"], { HOSTUP_BASE_URL: closed.url });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^Error: Could not reach/);
    expectNoToken(run);
  });

  test("--ip-from asks the echo service for the address and sends it; a failed lookup exits 4 with nothing sent", async () => {
    echo.answer("203.0.113.9");
    dyndns.answer("good 203.0.113.9");
    const run = await update(["--ip-from", `${echo.url}/ip?key=service-key`]);
    expect(run).toMatchObject({ code: 0, stdout: `${HOSTNAME}: good 203.0.113.9\n` });
    expect(dyndns.hits[0]!.query.get("ip")).toBe("203.0.113.9");
    expect(echo.hits[0]!.headers["user-agent"]).toMatch(/hostup-cli\//);

    dyndns.hits.length = 0;
    echo.answer("<html>busy</html>", 503);
    const failed = await update(["--ip-from", `${echo.url}/ip?key=service-key`]);
    expect(failed.code).toBe(4);
    expect(failed.stderr).toBe(`Error: ${echo.url} answered HTTP 503, not an address.\n`); // the origin only, not the query
    echo.answer("not an address");
    const garbled = await update(["--ip-from", echo.url]);
    expect(garbled).toMatchObject({ code: 4, stderr: `Error: ${echo.url} did not answer with an IP address (15 characters).\n` });
    expect(dyndns.hits).toEqual([]);
  });

  test("--type AAAA refuses an IPv4 answer from --ip-from, and an --ip of the other family (nothing sent)", async () => {
    const lookedUp = await update(["--ip-from", echo.url, "--type", "AAAA"]);
    expect(lookedUp.code).toBe(4);
    expect(lookedUp.stderr).toContain("answered with an IPv4 address, and --type is AAAA");
    const given = await update(["--ip", "1.2.3.4", "--type", "AAAA"]);
    expect(given).toMatchObject({ code: 2, stderr: "Error: --ip is an IPv4 address, but --type is AAAA.\n" });
    expect(dyndns.hits).toEqual([]);
  });

  test("--ip-from-interface names the interfaces there are when the one asked for does not exist (exit 4, nothing sent)", async () => {
    const run = await update(["--ip-from-interface", "no-such-if0"]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^Error: There is no network interface named no-such-if0 \(there are: .*lo/);
    expect(dyndns.hits).toEqual([]);
  });
});

describe("hostup dyndns update: the token", () => {
  test("--token-file: one trailing newline is ignored, and the file beats HOSTUP_DYNDNS_TOKEN", async () => {
    const file = join(dir, "token");
    await writeFile(file, `${TOKEN}\n`, { mode: 0o600 });
    const run = await update(["--ip", "1.2.3.4", "--token-file", file], { HOSTUP_DYNDNS_TOKEN: "other-token" });
    expect(run.code).toBe(0);
    expect(dyndns.hits[0]!.query.get("token")).toBe(TOKEN);
  });

  test("a token file others can read (0644) is refused with the fix, nothing sent", async () => {
    const file = join(dir, "token-public");
    await writeFile(file, `${TOKEN}\n`);
    await chmod(file, 0o644);
    const run = await update(["--ip", "1.2.3.4", "--token-file", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`Error: Refusing to read ${file}: it is readable by others (mode 644). Run: chmod 600 ${file}\n`);
    expect(dyndns.hits).toEqual([]);
  });

  test("a token file that is another user's is refused even with mode 600, saying why, nothing sent", async () => {
    const file = join(dir, "token-theirs");
    await writeFile(file, TOKEN, { mode: 0o600 });
    // As root (as the tests run here) the file is given away; anyone else is told they are another user.
    const me = process.getuid!();
    if (me === 0) chownSync(file, 12345, 12345);
    const run = await update(["--ip", "1.2.3.4", "--token-file", file], {}, me === 0 ? {} : { uid: me + 1 });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^Error: Refusing to read ${file}: it belongs to another user \\(uid ${statSync(file).uid}\\)`));
    expectNoToken(run);
    expect(dyndns.hits).toEqual([]);
  });

  test("a systemd credential (in $CREDENTIALS_DIRECTORY) may show 0440, the mask of systemd's ACL; nowhere else, and never more", async () => {
    const credentials = await mkdtemp(join(dir, "credentials-"));
    const file = join(credentials, "dyndns-token");
    await writeFile(file, TOKEN);
    await chmod(file, 0o440);
    const run = await update(["--ip", "1.2.3.4", "--token-file", file], { CREDENTIALS_DIRECTORY: credentials });
    expect(run.code).toBe(0);
    expect(dyndns.hits[0]!.query.get("token")).toBe(TOKEN);
    const elsewhere = await update(["--ip", "1.2.3.4", "--token-file", file], { CREDENTIALS_DIRECTORY: dir });
    expect(elsewhere).toMatchObject({ code: 2, stderr: expect.stringContaining("it is readable by others (mode 440)") });
    await chmod(file, 0o444);
    const public_ = await update(["--ip", "1.2.3.4", "--token-file", file], { CREDENTIALS_DIRECTORY: credentials });
    expect(public_).toMatchObject({ code: 2, stderr: expect.stringContaining("it is readable by others (mode 444)") });
    expect(dyndns.hits).toHaveLength(1);
  });

  test("a missing token file is a usage error naming it, nothing sent", async () => {
    const file = join(dir, "absent");
    const run = await update(["--ip", "1.2.3.4", "--token-file", file]);
    expect(run).toMatchObject({ code: 2, stderr: `Error: Cannot read the token file ${file}: ENOENT.\n` });
    expect(dyndns.hits).toEqual([]);
  });

  test("HOSTUP_TIMEOUT applies (the config file is not read): a held answer times out after it, exit 4", async () => {
    dyndns.answer("hold"); // a real server that holds the answer: a short real timeout
    const run = await update(["--ip", "1.2.3.4"], { HOSTUP_TIMEOUT: "20" });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain("timed out after 20 ms");
    const sent = dyndns.hits.length;
    const bad = await update(["--ip", "1.2.3.4"], { HOSTUP_TIMEOUT: "1m" });
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining("HOSTUP_TIMEOUT must be a whole number") });
    expect(dyndns.hits).toHaveLength(sent);
  });

  test("no token at all: exit 2 saying where to put one, nothing sent", async () => {
    const run = await update(["--ip", "1.2.3.4"], { HOSTUP_DYNDNS_TOKEN: undefined });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Error: No DynDNS token: set HOSTUP_DYNDNS_TOKEN, or pass --token-file <path>/);
    expect(dyndns.hits).toEqual([]);
  });

  test("--token is refused, saying why and what to use instead, without echoing its value; nothing sent", async () => {
    for (const args of [["--token", TOKEN], [`--token=${TOKEN}`], ["--token"]]) {
      const run = await update(["--ip", "1.2.3.4", ...args]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("--token is not accepted: a token on the command line can be read by other users (ps)");
      expect(run.stderr).toContain("set HOSTUP_DYNDNS_TOKEN, or pass --token-file <path>");
      expectNoToken(run);
    }
    expect(dyndns.hits).toEqual([]);
    const help = await hostup(["dyndns", "update", "--help"]);
    expect(help.stdout).not.toMatch(/--token\b(?!-file)/);
  });
});

describe("hostup dyndns update: usage errors (exit 2, nothing sent)", () => {
  test.each([
    [["--watch", "--interval", "50ms"], "--watch needs --ip-from <url> or --ip-from-interface <name>"],
    [["--interval", "5m", "--ip", "1.2.3.4"], "--interval only applies with --watch."],
    [["--watch", "--ip-from", "ftp://127.0.0.1/ip"], "--ip-from must be an http:// or https:// URL"],
    [["--watch", "--ip-from", "http://127.0.0.1:1/ip", "--interval", "5 minutes"], "--interval must be a duration such as 30s"],
  ])("%s", async (args, message) => {
    const run = await update(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(dyndns.hits).toEqual([]);
  });

  test("--ip with --ip-from conflict (commander), and --hostname is required", async () => {
    const both = await update(["--ip", "1.2.3.4", "--ip-from", echo.url]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/option '--ip <address>' cannot be used with option '--ip-from <url>'/);
    const nameless = await hostup(["dyndns", "update", "--ip", "1.2.3.4"], tokenOnlyEnv({ HOSTUP_BASE_URL: dyndns.url }));
    expect(nameless).toMatchObject({ code: 2, stderr: expect.stringContaining("--hostname <fqdn> is required") });
    expect(dyndns.hits).toEqual([]);
    expect(echo.hits).toEqual([]);
  });

  test("an interval under 30s is refused when the update API is remote (checked before the token is read)", async () => {
    // No token and the default (remote) base URL: should the interval check let this through, the missing token stops it before anything is sent.
    const run = await hostup(
      ["dyndns", "update", "--hostname", HOSTNAME, "--watch", "--ip-from", echo.url, "--interval", "10s"],
      tokenOnlyEnv({ HOSTUP_BASE_URL: undefined, HOSTUP_DYNDNS_TOKEN: undefined }),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--interval 10s is too short: at least 30s when talking to a remote service");
    expect(echo.hits).toEqual([]);
  });
});

describe("the README's DynDNS updater section", () => {
  test("uses only options that `hostup dyndns update --help` lists (and no --token)", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    // Command lines, with the systemd unit's continuation line joined to its ExecStart.
    const commands = readme
      .replace(/\\\n\s*/g, " ")
      .split("\n")
      .filter((line) => line.includes("hostup dyndns update"));
    expect(commands.length).toBeGreaterThanOrEqual(7);
    const used = new Set(commands.flatMap((line) => line.match(/(?<=\s)--[a-z][a-z-]*/g) ?? []));
    const help = (await hostup(["dyndns", "update", "--help"])).stdout;
    const globals = (await hostup(["--help"])).stdout;
    for (const option of used) expect(`${help}${globals}`).toMatch(new RegExp(`${option}\\b`));
    expect(used.has("--token")).toBe(false);
    expect(used).toContain("--watch");
    expect(readme).toContain("LoadCredential=dyndns-token:");
    expect(readme).toContain(`--token-file \${CREDENTIALS_DIRECTORY}/dyndns-token`); // the unit's variable, not this file's
  });
});
