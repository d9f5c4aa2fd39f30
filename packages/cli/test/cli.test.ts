import { chmod, mkdtemp, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { API_KEY, hostup } from "./run.js";

const ID = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";

describe("help", () => {
  test.each([[[]], [["--help"]], [["domains", "--help"]], [["domains", "bulk-sync", "--help"]], [["redirects", "update", "--help"]], [["dyndns", "create", "--help"]]])(
    "hostup %s",
    async (args) => {
      const run = await hostup(args.length ? args : ["--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: hostup/);
    },
  );

  test("the top-level help names every command and the exit codes", async () => {
    const { stdout } = await hostup(["--help"]);
    for (const word of ["domains", "redirects", "dyndns", "--json", "--base-url", "Exit codes: 0 ok, 2 usage error", "HOSTUP_API_KEY"]) {
      expect(stdout).toContain(word);
    }
    const domains = await hostup(["domains", "--help"]);
    for (const command of ["list", "get", "sync", "delete", "bulk-sync"]) expect(domains.stdout).toContain(command);
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
    const run = await hostup(["domains", "delete", "example.com"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Refusing to delete example.com without --yes.");
    const deleted = await hostup(["domains", "delete", ID, "--yes"]);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout.trim()).toBe(`deleted ${ID}`);
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

describe("redirects and dyndns", () => {
  test("redirects list / update", async () => {
    const list = await hostup(["redirects", "list", "example.com"]);
    expect(list.stdout).toMatch(/redir_01hxa3b4c5d6e7f8g9h0j1k2m3\s+https:\/\/www\.example\.com\s+https:\/\/example\.com\s+301\s+active/);
    const update = await hostup(["redirects", "update", "example.com", "redir_01hxa3b4c5d6e7f8g9h0j1k2m3", "--target", "https://example.com/new-home", "--status", "302", "--disable"]);
    expect(update.code).toBe(0);
    expect(update.stdout).toContain("redir_01hxa3b4c5d6e7f8g9h0j1k2m3: https://www.example.com -> https://example.com/new-home (302");
  });

  test("redirects update without a change, or with a bad --status, is a usage error", async () => {
    const nothing = await hostup(["redirects", "update", ID, "redir_1"]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain("Nothing to change");
    const bad = await hostup(["redirects", "update", ID, "redir_1", "--status", "303"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Allowed choices are 301, 302, 307, 308");
  });

  test("dyndns create hides the token unless asked", async () => {
    const hidden = await hostup(["dyndns", "create", "example.com", "--hostname", "home.example.com", "--type", "A"]);
    expect(hidden.code).toBe(0);
    expect(hidden.stdout).toContain("created ddns_01hxa3b4c5d6e7f8g9h0j1k2m3: home.example.com (A)");
    expect(hidden.stdout).toContain("token: (hidden)");
    expect(hidden.stdout).not.toContain("0123456789abcdef");
    const shown = await hostup(["dyndns", "create", ID, "--hostname", "home.example.com", "--type", "A", "--show-token", "--json"]);
    expect(JSON.parse(shown.stdout).token).toBe("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    const listed = await hostup(["dyndns", "list", "example.com"]);
    expect(listed.stdout).toContain("(hidden)");
    expect(listed.stdout).not.toContain("0123456789abcdef");
  });

  test("a hostname outside the domain is refused before sending (exit 2)", async () => {
    const run = await hostup(["dyndns", "create", "example.com", "--hostname", "home.other.org", "--type", "AAAA"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"home.other.org" is not "example.com" or a subdomain of it');
  });
});

describe("errors and exit codes", () => {
  test("API errors print Problem Details readably (exit 3)", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(400, { "content-type": "application/problem+json" });
      res.end(
        JSON.stringify({
          type: "https://developer.hostup.se/errors/invalid_request",
          title: "Validation failed",
          status: 400,
          detail: "The request body failed validation.",
          code: "invalid_request",
          requestId: "req_cli1",
          errors: [{ pointer: "/domainIds/0", detail: "Unknown domain.", code: "not_found" }],
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const run = await hostup(["domains", "sync", ID], { HOSTUP_BASE_URL: url });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain("Error: HTTP 400 invalid_request: The request body failed validation.");
      expect(run.stderr).toContain("  /domainIds/0: Unknown domain. (not_found)");
      expect(run.stderr).toContain("  request id: req_cli1");
      const asJson = await hostup(["domains", "sync", ID, "--json"], { HOSTUP_BASE_URL: url });
      expect(JSON.parse(asJson.stderr).error).toMatchObject({ name: "HostupBadRequestError", status: 400, code: "invalid_request" });
    } finally {
      server.close();
    }
  });

  test("a blocked delete shows the reason and the next step", async () => {
    const { createServer: create } = await import("node:http");
    const server = create((_req, res) => {
      res.writeHead(409, { "content-type": "application/problem+json" });
      res.end(JSON.stringify({ status: 409, detail: "The domain cannot be deleted right now.", extensions: { actions: { canDelete: { allowed: false, reason: "A renewal is pending." } } } }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const run = await hostup(["domains", "delete", ID, "--yes"], { HOSTUP_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain("reason: A renewal is pending.");
      expect(run.stderr).toContain("next: Deletion is blocked");
    } finally {
      server.close();
    }
  });

  test("an unreachable API is a network error (exit 4)", async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r())); // nothing listens there now
    const run = await hostup(["domains", "sync", ID], { HOSTUP_BASE_URL: `http://127.0.0.1:${port}` });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/Error: Could not reach the HostUp API/);
  });

  test("a domain name that does not exist is reported clearly (exit 2)", async () => {
    const run = await hostup(["domains", "sync", "nope.example.org"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No domain named "nope.example.org"');
  });

  test("unknown commands and options are usage errors (exit 2)", async () => {
    expect((await hostup(["domainz"])).code).toBe(2);
    expect((await hostup(["domains", "list", "--frobnicate"])).code).toBe(2);
  });

  test("secrets stay out of output and errors", async () => {
    const run = await hostup(["domains", "sync", "dom_bad/../x"]);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).not.toContain(API_KEY);
  });
});

describe("configuration", () => {
  test("no API key → usage error naming both sources", async () => {
    const run = await hostup(["domains", "list"], { HOSTUP_API_KEY: "" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("set HOSTUP_API_KEY, or put");
  });

  test("a config file with safe permissions supplies the key; an unsafe one is refused", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hostup-cli-"));
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
  });

  test("--base-url points the CLI elsewhere", async () => {
    const run = await hostup(["--base-url", "http://127.0.0.1:1", "domains", "sync", ID]);
    expect(run.code).toBe(4);
  });
});
