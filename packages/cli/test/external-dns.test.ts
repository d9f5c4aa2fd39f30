// `hostup external-dns`: the CLI's shell around @hostup/external-dns (whose own tests cover the protocol
// in depth). The built binary is spawned once and met as ExternalDNS meets it: the URLs from its first
// JSON log line, negotiation with ExternalDNS's headers, a change set applied to the zone server, JSON
// lines without the key on stdout, exit 0 on SIGTERM. The rest runs in this process through main():
// --api-key-file, --dry-run, and the usage errors (exit 2) before anything listens.
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer as createTcpServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startZoneServer, type ZoneServer } from "@hostup/mock";
import { main } from "../src/cli.js";
import { readSecretFile } from "../src/secret-file.js";
import { localApi, toMock } from "./local-api.js";
import { API_KEY, hostup } from "./run.js";

const BIN = fileURLToPath(new URL("../bin/hostup.js", import.meta.url));
/** What ExternalDNS's webhook client sends and requires back, byte for byte. */
const MEDIA_TYPE = "application/external.dns.webhook+json;version=1";
const EXTERNAL_DNS_HEADERS = { accept: MEDIA_TYPE, "content-type": MEDIA_TYPE };
/** Both ports free for the test: the webhook and its health server on any port of loopback. */
const ANY_PORTS = ["--listen", "127.0.0.1:0", "--health-listen", "127.0.0.1:0"];

let api: ZoneServer;
let dir: string;
const cleanups: Array<() => Promise<unknown> | unknown> = [];
beforeEach(async () => {
  api = await startZoneServer();
  api.addZone("example.com", [{ type: "A", name: "www", value: "192.0.2.80", ttl: 300 }]);
  dir = mkdtempSync(join(tmpdir(), "hostup-external-dns-"));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The environment a run gets: no config file, the test key, the zone server; `env` on top (undefined removes a variable). */
function environment(env: Record<string, string | undefined> = {}): Record<string, string> {
  const merged: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HOSTUP_CONFIG: "/nonexistent/hostup-config.json",
    HOSTUP_API_KEY: API_KEY,
    HOSTUP_BASE_URL: api.url,
    ...env,
  };
  return Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

interface Webhook {
  /** The webhook's and the health server's URLs, from the first log line. */
  url: string;
  health: string;
  /** Every stdout line so far, parsed (a line that is no JSON fails the test). */
  lines(): Array<Record<string, unknown>>;
  stdout(): string;
  /** Sends SIGTERM; resolves to the exit code. */
  stop(): Promise<number | null>;
}

/** Resolves once stdout's first line (JSON, with `url` and `health`) is complete. */
function firstLine(stdout: () => string, exited: Promise<unknown>, stderr: () => string): Promise<{ url: string; health: string }> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const end = stdout().indexOf("\n");
      if (end === -1) return;
      clearInterval(timer);
      const line = JSON.parse(stdout().slice(0, end)) as { url: string; health: string };
      resolve({ url: line.url, health: line.health });
    }, 10);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`hostup external-dns exited (${String(code)}) before serving:\n${stderr()}${stdout()}`));
    });
  });
}

const parsedLines = (stdout: string) =>
  stdout
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** The built binary, `hostup external-dns …args`, as a child process that has logged its URLs. */
async function spawnWebhook(args: string[], env: Record<string, string | undefined> = {}): Promise<Webhook> {
  const child: ChildProcess = spawn(process.execPath, [BIN, "external-dns", ...args], {
    env: environment(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited;
  };
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    return exited;
  });
  const { url, health } = await firstLine(
    () => stdout,
    exited,
    () => stderr,
  );
  return { url, health, lines: () => parsedLines(stdout), stdout: () => stdout, stop };
}

/** `hostup external-dns …args` in this process through main(), once it has logged its URLs; stop() is its SIGTERM. */
async function webhookInProcess(args: string[], env: Record<string, string | undefined> = {}): Promise<Webhook> {
  let stdout = "";
  let stderr = "";
  let interrupt: ((signal: string) => void) | undefined;
  const exited = main(["external-dns", ...args], {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    isTTY: false,
    env: environment(env),
    onInterrupt(handler) {
      interrupt = handler;
      return () => {
        interrupt = undefined;
      };
    },
  });
  const stop = async () => {
    interrupt?.("SIGTERM");
    return exited;
  };
  cleanups.push(stop);
  const { url, health } = await firstLine(
    () => stdout,
    exited,
    () => stderr,
  );
  return { url, health, lines: () => parsedLines(stdout), stdout: () => stdout, stop };
}

/** A change set as ExternalDNS v0.17+ posts it: lower-case keys, empty lists left out. */
const applyChanges = (url: string, changes: Record<string, unknown>) =>
  fetch(`${url}/records`, { method: "POST", headers: EXTERNAL_DNS_HEADERS, body: JSON.stringify(changes) });
const CREATE_API = { create: [{ dnsName: "api.example.com", targets: ["192.0.2.10"], recordType: "A", recordTTL: 300 }] };

/** Waits until /healthz answers 200 (the HostUp API has answered once). */
async function ready(health: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await fetch(`${health}/healthz`)).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("/healthz never answered 200");
}

describe("the built binary, as ExternalDNS meets it", () => {
  test("negotiates with the exact media type, applies a change set (204), logs JSON lines without the key, exits 0 on SIGTERM", async () => {
    const webhook = await spawnWebhook([...ANY_PORTS, "--domain-filter", "example.com"]);
    expect(webhook.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(webhook.health).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const negotiated = await fetch(`${webhook.url}/`, { headers: { accept: MEDIA_TYPE } });
    expect(negotiated.status).toBe(200);
    expect(negotiated.headers.get("content-type")).toBe(MEDIA_TYPE);
    expect(await negotiated.text()).toBe('{"include":["example.com"],"exclude":[]}');

    const records = await fetch(`${webhook.url}/records`, { headers: { accept: MEDIA_TYPE } });
    expect(records.status).toBe(200);
    expect(await records.json()).toContainEqual(
      expect.objectContaining({ dnsName: "www.example.com", targets: ["192.0.2.80"], recordType: "A" }),
    );

    const applied = await applyChanges(webhook.url, CREATE_API);
    expect(applied.status).toBe(204);
    expect(await applied.text()).toBe("");
    expect(api.records("example.com", { type: "A", name: "api" })).toEqual([expect.objectContaining({ value: "192.0.2.10", ttl: 300 })]);

    await ready(webhook.health);
    const metrics = await fetch(`${webhook.health}/metrics`);
    expect(metrics.headers.get("content-type")).toBe("text/plain; version=0.0.4");

    expect(await webhook.stop()).toBe(0);
    const lines = webhook.lines(); // each line parsed as JSON, or this throws
    expect(lines[0]).toMatchObject({ level: "info", url: webhook.url, health: webhook.health, dryRun: false });
    expect(lines[0]!.time).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
    expect(lines).toContainEqual(expect.objectContaining({ msg: "written", zone: "example.com", action: "create", type: "A" }));
    expect(lines.at(-1)).toMatchObject({ msg: "stopped", signal: "SIGTERM" });
    expect(webhook.stdout()).not.toContain(API_KEY);
  });
});

describe("in this process", () => {
  test("--api-key-file: the trimmed key from a file only its owner reads, over HOSTUP_API_KEY; the webhook's own User-Agent", async () => {
    const seen: Array<{ authorization?: string; userAgent?: string }> = [];
    const relay = toMock(api.url);
    const proxy = await localApi((req, body, res) => {
      seen.push({ authorization: req.headers.authorization, userAgent: req.headers["user-agent"] });
      return relay(req, body, res);
    });
    cleanups.push(() => proxy.close());
    const file = join(dir, "api-key");
    writeFileSync(file, "hk_from_the_secret_file_42\n", { mode: 0o600 });

    // HOSTUP_API_KEY is set too (the test key): the file wins.
    const webhook = await webhookInProcess([...ANY_PORTS, "--api-key-file", file], { HOSTUP_BASE_URL: proxy.url });
    // Without --domain-filter, negotiation lists the account's zones.
    expect(await (await fetch(`${webhook.url}/`, { headers: { accept: MEDIA_TYPE } })).json()).toEqual({
      include: ["example.com"],
      exclude: [],
    });
    expect(await webhook.stop()).toBe(0);

    expect(seen.length).toBeGreaterThan(0);
    for (const request of seen) {
      expect(request.authorization).toBe("Bearer hk_from_the_secret_file_42");
      expect(request.userAgent).toMatch(/ hostup-cli\/\S+ hostup-external-dns$/);
    }
    expect(webhook.stdout()).not.toContain("hk_from_the_secret_file_42");
    expect(webhook.stdout()).not.toContain(API_KEY);
  });

  test("--dry-run: a change set is answered 204, logged as what would be written, and nothing is written", async () => {
    const webhook = await webhookInProcess([...ANY_PORTS, "--dry-run", "--domain-filter", "example.com"]);
    const before = api.records("example.com");
    expect((await applyChanges(webhook.url, CREATE_API)).status).toBe(204);
    expect(await webhook.stop()).toBe(0);

    expect(api.records("example.com")).toEqual(before);
    expect(api.calls().filter((call) => !call.startsWith("GET "))).toEqual([]);
    const lines = webhook.lines();
    expect(lines[0]).toMatchObject({ dryRun: true });
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: "would write (dry run)", action: "create", type: "A", zone: "example.com" }),
    );
  });
});

describe("usage errors: exit 2 before anything listens or is sent", () => {
  test("no API key, a flag that would show one, an unsafe or missing key file, bad zones and addresses", async () => {
    const noKey = await hostup(["external-dns", ...ANY_PORTS], { HOSTUP_API_KEY: undefined, HOSTUP_BASE_URL: api.url });
    expect(noKey).toMatchObject({ code: 2, stdout: "" });
    expect(noKey.stderr).toMatch(/^Error: No API key: set HOSTUP_API_KEY/);

    const flag = await hostup(["external-dns", ...ANY_PORTS, "--api-key", "hk_secret"]);
    expect(flag).toMatchObject({ code: 2, stdout: "" });
    expect(flag.stderr).toContain("--api-key is not accepted");
    expect(flag.stderr).not.toContain("hk_secret");

    const open = join(dir, "open-key");
    writeFileSync(open, "hk_readable_by_all\n", { mode: 0o644 });
    chmodSync(open, 0o644);
    const unsafe = await hostup(["external-dns", ...ANY_PORTS, "--api-key-file", open]);
    expect(unsafe).toMatchObject({ code: 2, stdout: "" });
    expect(unsafe.stderr).toBe(`Error: Refusing to read ${open}: it is readable by others (mode 644). Run: chmod 600 ${open}\n`);

    const missing = join(dir, "no-such-key");
    expect(await hostup(["external-dns", ...ANY_PORTS, "--api-key-file", missing])).toMatchObject({
      code: 2,
      stderr: `Error: Cannot read the API key file ${missing}: ENOENT.\n`,
    });

    const empty = join(dir, "empty-key");
    writeFileSync(empty, " \n", { mode: 0o600 });
    expect(await hostup(["external-dns", ...ANY_PORTS, "--api-key-file", empty])).toMatchObject({
      code: 2,
      stderr: `Error: The API key file ${empty} is empty.\n`,
    });

    for (const [args, message] of [
      [["--domain-filter", "example.com/x"], '--domain-filter "example.com/x": not a zone name'],
      [["--exclude-domains", ""], '--exclude-domains "": not a zone name'],
      [["--listen", "127.0.0.1:99999"], "--listen 127.0.0.1:99999: the port must be a whole number"],
      [["--health-listen", "::1:8080"], "--health-listen ::1:8080: write an IPv6 address in brackets"],
      [["--listen", "127.0.0.1:8080", "--health-listen", "127.0.0.1:8080"], "--listen and --health-listen are both 127.0.0.1:8080"],
    ] as const) {
      const run = await hostup(["external-dns", ...ANY_PORTS, ...args]);
      expect(run, args.join(" ")).toMatchObject({ code: 2, stdout: "" });
      expect(run.stderr).toContain(message);
    }
    expect(api.requests).toEqual([]);
  });

  test("a port in use: exit 2, naming the address and the option that moves it", async () => {
    const taken: Server = createTcpServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => taken.close(resolve)));
    const port = (taken.address() as { port: number }).port;
    const run = await hostup(["external-dns", "--listen", `127.0.0.1:${port}`, "--health-listen", "127.0.0.1:0"], {
      HOSTUP_BASE_URL: api.url,
    });
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(run.stderr).toBe(
      `Error: Cannot listen on 127.0.0.1:${port}: the port is in use (another hostup external-dns, or another webhook?): choose another with --listen (EADDRINUSE).\n`,
    );
  });

  test("the top-level help lists the command", async () => {
    const run = await hostup(["--help"]);
    expect(run.stdout).toMatch(/^ {2}external-dns \[options\] +serve HostUp DNS to Kubernetes' ExternalDNS/m);
  });
});

describe("a key file in a Kubernetes Secret volume", () => {
  /** The kubelet's layout: `<key> → ..data/<key>`, `..data → ..<timestamp>`, the file with `mode`. */
  function secretVolume(mode: number): string {
    const volume = join(dir, "secret");
    const stamp = "..2026_05_04_10_00_00.123456789";
    mkdirSync(join(volume, stamp), { recursive: true });
    writeFileSync(join(volume, stamp, "api-key"), "hk_in_a_secret\n");
    chmodSync(join(volume, stamp, "api-key"), mode);
    symlinkSync(stamp, join(volume, "..data"));
    symlinkSync(join("..data", "api-key"), join(volume, "api-key"));
    return join(volume, "api-key");
  }

  test("group read (defaultMode 0400 with the pod's fsGroup: 0440) is allowed there, and nowhere else", () => {
    const key = secretVolume(0o440);
    expect(readSecretFile(key, "API key file", {}, 0)).toBe("hk_in_a_secret\n");
    const elsewhere = join(dir, "api-key");
    writeFileSync(elsewhere, "hk_in_a_secret\n");
    chmodSync(elsewhere, 0o440);
    expect(() => readSecretFile(elsewhere, "API key file", {}, 0)).toThrow("it is readable by others (mode 440). Run: chmod 600");
  });

  test("others' read (the default defaultMode, 0644) is refused, saying how to set the volume's mode", () => {
    const key = secretVolume(0o644);
    expect(() => readSecretFile(key, "API key file", {}, 0)).toThrow(
      `Refusing to read ${key}: it is readable by others (mode 644). Give the Secret's volume defaultMode: 0400`,
    );
  });
});

describe("the README's hostup external-dns section", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("## hostup external-dns"), readme.indexOf("## hostup mcp"));

  test("its commands and Helm values use only options that `hostup external-dns --help` lists, and the key from a file", async () => {
    const code = [...section.matchAll(/```(?:sh|yaml)\n([\s\S]*?)```/g)].map((match) => match[1]!.replace(/#.*/g, "")).join("\n");
    // npm's and npx's own flags aside.
    const npm = new Set(["--yes", "--prefix", "--no-audit", "--no-fund"]);
    const used = new Set((code.match(/(?<![\w-])--[a-z][a-z-]*/g) ?? []).filter((option) => !npm.has(option)));
    expect(used).toEqual(new Set(["--domain-filter", "--dry-run", "--api-key-file"]));
    const help = (await hostup(["external-dns", "--help"])).stdout;
    for (const option of used) expect(help).toMatch(new RegExp(`${option}\\b`));
    expect(code).toContain("--api-key-file=/var/run/secrets/hostup/api-key");
    expect(code).toContain("mountPath: /var/run/secrets/hostup,");
    // What ExternalDNS needs, said in the section.
    for (const flag of ["--provider=webhook", "--txt-owner-id", "--domain-filter", "--txt-prefix"]) expect(section).toContain(flag);
    expect(section).toContain('txtPrefix: "extdns-%{record_type}."');
  });
});
