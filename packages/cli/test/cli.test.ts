import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { startZoneServer, type ZoneServer } from "@hostup/mock";
import { answer, localApi, toMock, withLocalApi } from "./local-api.js";
import { API_KEY, hostup, hostupBinary } from "./run.js";

const ID = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";

describe("help", () => {
  test.each([
    [["--help"]],
    [["domains", "--help"]],
    [["domains", "bulk-sync", "--help"]],
    [["dns", "--help"]],
    [["dns", "rm", "--help"]],
    [["redirects", "update", "--help"]],
    [["dyndns", "create", "--help"]],
    [["mcp", "--help"]],
  ])("hostup %s", async (args) => {
    const run = await hostup(args);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: hostup/);
  });

  test("plain hostup (no arguments) prints the usage on stderr and exits 2 (usage error), sending nothing", async () => {
    await withLocalApi(toMock(), async (api) => {
      const run = await hostup([], { HOSTUP_BASE_URL: api.url });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/^Usage: hostup \[options\] \[command\]\n/);
      for (const word of ["Commands:", "domains", "dns", "redirects", "dyndns", "Exit codes: 0 ok"]) expect(run.stderr).toContain(word);
      expect(api.requests).toEqual([]);
    });
  });

  test("the top-level help names every command and the exit codes", async () => {
    const { stdout } = await hostup(["--help"]);
    for (const word of [
      "domains",
      "dns",
      "redirects",
      "dyndns",
      "--json",
      "--base-url",
      "acme",
      "present",
      "cleanup",
      "mcp",
      "Exit codes: 0 ok, 2 usage error",
      "5 changes pending (dns plan)",
      "HOSTUP_API_KEY",
    ]) {
      expect(stdout).toContain(word);
    }
    const domains = await hostup(["domains", "--help"]);
    for (const command of ["list", "get", "sync", "delete", "bulk-sync"]) expect(domains.stdout).toContain(command);
    const dns = await hostup(["dns", "--help"]);
    for (const command of ["zones", "records", "add", "set", "rm", "export", "plan", "apply"]) {
      expect(dns.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    }
    const dyndns = await hostup(["dyndns", "--help"]);
    for (const command of ["list", "create", "enable", "disable", "delete", "logs", "update"]) {
      expect(dyndns.stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
    }
    expect(stdout.replace(/\s+/g, " ")).toContain("delete DynDNS configurations; show their logs; update an address with a token");
  });
});

describe("domains", () => {
  test("list prints a table", async () => {
    const run = await hostup(["domains", "list"]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toMatch(/^ID\s+NAME\s+STATUS\s+LIFECYCLE$/);
    expect(run.stdout).toMatch(new RegExp(`${ID}\\s+example\\.com\\s+active\\s+standard`));
  });

  test("list --json prints the domains as a JSON array", async () => {
    const run = await hostup(["--json", "domains", "list"]);
    expect(JSON.parse(run.stdout)).toStrictEqual([
      { id: ID, name: "example.com", serviceStatus: "active", orderId: "ord_01hxa3b4c5d6e7f8g9h0j1k2m3", lifecycle: { type: "standard" } },
    ]);
  });

  test("HOSTUP_DEBUG=1 with --json (the built binary): the SDK's debug lines go to stderr, stdout stays pure JSON", async () => {
    const run = await hostupBinary(["--json", "domains", "list"], { HOSTUP_DEBUG: "1" });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject([{ id: ID, name: "example.com" }]);
    expect(run.stderr).toMatch(/^\[hostup\] listDomains GET \/api\/v2\/domains → 200 in \d+ ms \(attempt 1\/\d+\)$/m);
  });

  test("get and sync accept a domain name (resolved through the list) or a dom_ ID", async () => {
    const byName = await hostup(["domains", "get", "example.com"]);
    expect(byName.code).toBe(0);
    expect(byName.stdout).toContain(`id:        ${ID}`);
    expect(byName.stdout).toContain("deletable: yes");
    const synced = await hostup(["domains", "sync", ID]);
    expect(synced.stdout.trim()).toBe("example.com: pending -> active");
    const json = await hostup(["domains", "sync", "example.com", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: ID, newStatus: "active", statusChanged: true });
  });

  test("delete needs --yes (usage error, exit 2, nothing sent)", async () => {
    await withLocalApi(toMock(), async (api) => {
      const env = { HOSTUP_BASE_URL: api.url };
      const byName = await hostup(["domains", "delete", "example.com"], env);
      expect(byName.code).toBe(2);
      expect(byName.stderr).toContain("Refusing to delete example.com without --yes.");
      const byId = await hostup(["domains", "delete", ID, "--json"], env);
      expect(byId.code).toBe(2);
      expect(api.requests).toEqual([]); // not even the name lookup
      // the same server sees a confirmed delete: its empty log above is not a blind spot
      const deleted = await hostup(["domains", "delete", ID, "--yes"], env);
      expect(deleted.code).toBe(0);
      expect(deleted.stdout.trim()).toBe(`deleted ${ID}`);
      expect(api.requests).toEqual([{ method: "DELETE", path: `/api/v2/domains/${ID}` }]);
    });
  });

  test("bulk-sync --wait queues the batch and waits for its job", async () => {
    const run = await hostup(["domains", "bulk-sync", ID, "dom_01hxa3b4c5d6e7f8g9h0j1k2m4", "--wait", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      queued: [ID, "dom_01hxa3b4c5d6e7f8g9h0j1k2m4"],
      refused: [],
      failed: [],
      jobs: [{ jobId: "dbj_01hxa3b4c5d6e7f8g9h0j1k2m3", status: "completed" }],
    });
    expect(run.stderr).toBe(""); // no progress bar when stderr is not a terminal
  });
});

describe("errors and exit codes", () => {
  test("API errors print Problem Details readably (exit 3)", async () => {
    const problem = {
      type: "https://developer.hostup.se/errors/invalid_request",
      title: "Validation failed",
      status: 400,
      detail: "The request body failed validation.",
      code: "invalid_request",
      requestId: "req_cli1",
      errors: [{ pointer: "/domainIds/0", detail: "Unknown domain.", code: "not_found" }],
    };
    await withLocalApi(answer(400, problem), async (api) => {
      const run = await hostup(["domains", "sync", ID], { HOSTUP_BASE_URL: api.url });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain("Error: HTTP 400 invalid_request: The request body failed validation.");
      expect(run.stderr).toContain("  /domainIds/0: Unknown domain. (not_found)");
      expect(run.stderr).toContain("  request id: req_cli1");
      const asJson = await hostup(["domains", "sync", ID, "--json"], { HOSTUP_BASE_URL: api.url });
      expect(JSON.parse(asJson.stderr).error).toMatchObject({ name: "HostupBadRequestError", status: 400, code: "invalid_request" });
      // a 400 is not retried
      expect(api.requests).toEqual(Array(2).fill({ method: "POST", path: `/api/v2/domains/${ID}/actions/status-sync` }));
    });
  });

  test("a blocked delete shows the reason and the next step", async () => {
    const blocked = {
      status: 409,
      detail: "The domain cannot be deleted right now.",
      extensions: { actions: { canDelete: { allowed: false, reason: "A renewal is pending." } } },
    };
    await withLocalApi(answer(409, blocked), async (api) => {
      const run = await hostup(["domains", "delete", ID, "--yes"], { HOSTUP_BASE_URL: api.url });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain("reason: A renewal is pending.");
      expect(run.stderr).toContain("next: Deletion is blocked");
      expect(api.requests).toEqual([{ method: "DELETE", path: `/api/v2/domains/${ID}` }]);
    });
  });

  test("an unreachable API is a network error (exit 4)", async () => {
    const gone = await localApi(toMock());
    await gone.close(); // nothing listens there now
    // A request the SDK never repeats (createDynDnsConfig): no retry backoff to sit through (the SDK's, tested on a fake clock there).
    const run = await hostup(["dyndns", "create", ID, "--hostname", "home.example.com", "--type", "A"], { HOSTUP_BASE_URL: gone.url });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/Error: Could not reach the HostUp API/);
  });

  test("a domain name that does not exist is reported clearly (exit 2, after the lookup only)", async () => {
    await withLocalApi(toMock(), async (api) => {
      const run = await hostup(["domains", "sync", "nope.example.org"], { HOSTUP_BASE_URL: api.url });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('No domain named "nope.example.org"');
      expect(api.requests).toEqual([{ method: "GET", path: "/api/v2/domains?name=nope.example.org" }]);
    });
  });

  test("unknown commands and options are usage errors (exit 2, nothing sent)", async () => {
    await withLocalApi(toMock(), async (api) => {
      const env = { HOSTUP_BASE_URL: api.url };
      const command = await hostup(["domainz"], env);
      expect(command.code).toBe(2);
      expect(command.stderr).toContain("error: unknown command 'domainz'");
      const option = await hostup(["domains", "list", "--frobnicate"], env);
      expect(option.code).toBe(2);
      expect(option.stderr).toContain("error: unknown option '--frobnicate'");
      expect(api.requests).toEqual([]);
    });
  });

  test("secrets stay out of output and errors; a malformed ID is refused before sending", async () => {
    await withLocalApi(toMock(), async (api) => {
      const run = await hostup(["domains", "sync", "dom_bad/../x"], { HOSTUP_BASE_URL: api.url });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('`id` "dom_bad/../x" is not a valid DomainId');
      expect(run.stdout + run.stderr).not.toContain(API_KEY);
      expect(api.requests).toEqual([]);
    });
  });
});

describe("configuration", () => {
  test("no API key → usage error naming both sources (nothing sent)", async () => {
    await withLocalApi(toMock(), async (api) => {
      const run = await hostup(["domains", "list"], { HOSTUP_API_KEY: "", HOSTUP_BASE_URL: api.url });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("set HOSTUP_API_KEY, or put");
      expect(api.requests).toEqual([]);
    });
  });

  test("a config file with safe permissions supplies the key; an unsafe one is refused", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hostup-cli-"));
    try {
      const file = join(dir, "config.json");
      await writeFile(file, JSON.stringify({ apiKey: API_KEY }), { mode: 0o600 });
      const ok = await hostup(["domains", "list", "--json"], { HOSTUP_API_KEY: "", HOSTUP_CONFIG: file });
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toHaveLength(1);
      await chmod(file, 0o644);
      const refused = await hostup(["domains", "list"], { HOSTUP_API_KEY: "", HOSTUP_CONFIG: file });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain("it is readable by others (mode 644)");
      expect(refused.stderr).not.toContain(API_KEY);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("--base-url points the CLI elsewhere (over HOSTUP_BASE_URL)", async () => {
    await withLocalApi(toMock(), async (api) => {
      const run = await hostup(["--base-url", api.url, "domains", "sync", ID], { HOSTUP_BASE_URL: "http://127.0.0.1:1" });
      expect(run.code).toBe(0);
      expect(api.requests).toEqual([{ method: "POST", path: `/api/v2/domains/${ID}/actions/status-sync` }]);
    });
    // The mock (HOSTUP_BASE_URL) would create it; a request the SDK never repeats, so no retry backoff to sit through.
    const unreachable = await hostup([
      "--base-url",
      "http://127.0.0.1:1",
      "dyndns",
      "create",
      ID,
      "--hostname",
      "home.example.com",
      "--type",
      "A",
    ]);
    expect(unreachable.code).toBe(4);
    expect(unreachable.stderr).toMatch(/Error: Could not reach the HostUp API/);
  });
});

describe("a 200 answer that is not what the API documents", () => {
  // The SDK throws HostupUnexpectedResponseError for them: an API error (exit 3), one line, no stack trace.
  test.each([
    [null, ["domains", "list"]],
    ["a string", ["domains", "list"]],
    [42, ["domains", "get", ID]],
    [[], ["domains", "get", ID]],
    [null, ["domains", "get", ID]],
  ])("%j to hostup %s: exit 3 with the SDK's message, no stack trace", async (body, args) => {
    await withLocalApi(answer(200, body, "application/json"), async (api) => {
      const run = await hostup(args, { HOSTUP_BASE_URL: api.url });
      expect(run.code, run.stderr).toBe(3);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/^Error: HTTP 200: [^\n]*\n$/);
      const json = await hostup(["--json", ...args], { HOSTUP_BASE_URL: api.url });
      expect(json.code).toBe(3);
      expect(JSON.parse(json.stderr).error).toMatchObject({ name: "HostupUnexpectedResponseError", status: 200 });
    });
  });

  test("a 200 that is not JSON: the same", async () => {
    await withLocalApi(answer(200, "<html>", "text/html"), async (api) => {
      const run = await hostup(["domains", "get", ID], { HOSTUP_BASE_URL: api.url });
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toMatch(/^Error: HTTP 200: [^\n]*\n$/);
    });
  });
});

describe("dns zone files through the built binary (bin/hostup.js)", () => {
  /** A zone server with example.com (one A record) and a temporary folder, for `work`. */
  async function withZone(work: (api: ZoneServer, dir: string) => Promise<void>): Promise<void> {
    const api = await startZoneServer();
    api.addZone("example.com", [{ type: "A", name: "www", value: "192.0.2.80", ttl: 300 }]);
    const dir = await mkdtemp(join(tmpdir(), "hostup-cli-zone-"));
    try {
      await work(api, dir);
    } finally {
      await api.close();
      await rm(dir, { recursive: true, force: true });
    }
  }

  test("a bad zone file: exit 2, each problem with its line on stderr, nothing sent", async () => {
    await withZone(async (api, dir) => {
      const path = join(dir, "example.com.zone");
      await writeFile(
        path,
        ["$ORIGIN example.com.", "$TTL 300", "www IN A 192.0.2.80", "mail IN MX 10 192.0.2.25.", "$INCLUDE /etc/passwd", ""].join("\n"),
      );
      const run = await hostupBinary(["dns", "apply", path, "--yes"], { HOSTUP_BASE_URL: api.url });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(
        [
          "Error: 2 problems:",
          `${path}:4: mail MX: the exchange "192.0.2.25" is an IP address; HostUp refuses addresses as MX targets (give a host name).`,
          `${path}:5: $INCLUDE is not read: a zone file given to HostUp holds its records itself (paste the included file in).`,
          "Nothing was sent.",
          "",
        ].join("\n"),
      );
      expect(api.calls()).toEqual([]);
    });
  });

  test("dns plan of a file in sync: exit 0; of a file that differs: exit 5 (CI fails on drift); neither writes", async () => {
    await withZone(async (api, dir) => {
      const inSync = join(dir, "example.com.yaml");
      await writeFile(inSync, "www:\n  type: A\n  ttl: 300\n  value: 192.0.2.80\n");
      const env = { HOSTUP_BASE_URL: api.url };
      const plan = await hostupBinary(["dns", "plan", inSync], env);
      expect(plan.stderr).toBe("");
      expect(plan.stdout).toBe(
        "example.com: in sync with the file (0 to create, 0 to update, 0 to delete, 0 unmanaged sets left alone)\nrecords: 1 → 1 of 200\n",
      );
      expect(plan.code).toBe(0);
      await writeFile(inSync, "www:\n  type: A\n  ttl: 300\n  value: 192.0.2.81\n");
      const drift = await hostupBinary(["dns", "plan", inSync], env);
      expect(drift.code).toBe(5);
      expect(drift.stdout).toContain("~ update A www 192.0.2.80 (ttl 300) → 192.0.2.81 (ttl 300)");
      expect(api.calls().filter((call) => !call.startsWith("GET "))).toEqual([]);
    });
  });

  test("SIGINT during dns apply: the write in flight is finished and reported, the rest is not sent, exit 130", async () => {
    await withZone(async (api, dir) => {
      const path = join(dir, "example.com.zone");
      await writeFile(path, ["$ORIGIN example.com.", "$TTL 300", ...[1, 2, 3].map((i) => `app${i} IN A 192.0.2.${i}`), ""].join("\n"));
      api.inject("createDnsRecord", { apply: true, delayMs: 500 });
      const bin = fileURLToPath(new URL("../bin/hostup.js", import.meta.url));
      const child = spawn(process.execPath, [bin, "dns", "apply", path, "--yes"], {
        env: {
          PATH: process.env.PATH,
          HOSTUP_CONFIG: "/nonexistent/hostup-config.json",
          HOSTUP_API_KEY: API_KEY,
          HOSTUP_BASE_URL: api.url,
        },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
      for (let waited = 0; !api.calls().includes("POST createDnsRecord"); waited += 5) {
        if (waited > 20_000) throw new Error("the first create did not arrive");
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      child.kill("SIGINT");
      expect(await exited).toBe(130);
      expect(stdout).toContain(
        [
          "applied + create A app1 192.0.2.1 (ttl 300)",
          "example.com: interrupted after 1 of 3 changes (the write in flight was finished).",
          "not applied: + create A app2 192.0.2.2 (ttl 300)",
          "not applied: + create A app3 192.0.2.3 (ttl 300)",
        ].join("\n"),
      );
      expect(stderr).toBe("Interrupted (SIGINT): 2 changes not applied; run hostup dns plan to see what is left.\n");
      expect(api.calls().filter((call) => !call.startsWith("GET "))).toEqual(["POST createDnsRecord"]);
    });
  });
});
