// `hostup dns export|plan|apply` end to end: the built binary against a zone that keeps its state
// (@hostup/mock's startZoneServer). The zone files are octoDNS YAML written in flow style (JSON),
// which any YAML reader takes; dns-sync-files.test.ts covers block YAML and BIND.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, test } from "vitest";
import { API_KEY } from "./run.js";
import type { ZoneServer } from "@hostup/mock";
import { zoneSession } from "./support/zone-session.js";

const BIN = fileURLToPath(new URL("../bin/hostup.js", import.meta.url));
let zoneId: string;
const session = zoneSession("hostup-dns-sync-", (api) => {
  zoneId = api.addZone("example.com", [
    { type: "A", name: "@", value: "203.0.113.10", ttl: 300 },
    { type: "A", name: "www", value: "203.0.113.10", ttl: 300 },
    { type: "MX", name: "@", value: "mail.example.com", priority: 10, ttl: 300 },
    { type: "TXT", name: "_dmarc", value: "v=DMARC1; p=none", ttl: 300 },
  ]);
});
const { run, writes } = session;
let api: ZoneServer;
let dir: string;
beforeEach(() => ({ api, dir } = session));

/** A zone file in octoDNS's shape: names relative ("" the apex), `values` lists. */
function zoneFile(doc: Record<string, unknown>, name = "example.com.yaml"): string {
  const path = join(dir, name);
  writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
  return path;
}

const desired = {
  "": [
    { type: "A", ttl: 300, values: ["203.0.113.10"] },
    { type: "MX", ttl: 300, values: [{ preference: 10, exchange: "mail.example.com." }] },
  ],
  www: { type: "A", ttl: 300, values: ["203.0.113.20", "203.0.113.21"] },
  _dmarc: { type: "TXT", ttl: 300, values: ["v=DMARC1; p=reject"] },
  api: { type: "CNAME", ttl: 300, value: "www.example.com." },
};

/** The binary on a pseudo-terminal (util-linux `script`), `input` typed at it; the terminal's output comes back as stdout. */
function onTerminal(args: string[], input: string): Promise<{ code: number; stdout: string }> {
  const command = [process.execPath, BIN, ...args].map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(" ");
  return new Promise((resolve) => {
    const child = execFile(
      "script",
      ["-qec", command, "/dev/null"],
      {
        env: {
          PATH: process.env.PATH,
          HOSTUP_CONFIG: "/nonexistent/hostup-config.json",
          HOSTUP_API_KEY: API_KEY,
          HOSTUP_BASE_URL: api.url,
        },
        timeout: 30_000,
      },
      (error, stdout) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout }),
    );
    child.stdin?.end(input);
  });
}

describe("dns export", () => {
  test("writes the records but not SOA or the apex NS; planning the export against the zone finds it in sync (exit 0)", async () => {
    const exported = await run("dns", "export", "example.com");
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain("203.0.113.10");
    // octoDNS escapes `;` in TXT values.
    expect(exported.stdout).toContain("v=DMARC1\\; p=none");
    expect(exported.stdout).not.toMatch(/SOA|ns1\.hostup\.se/);
    const path = join(dir, "example.com.yaml");
    writeFileSync(path, exported.stdout);
    const plan = await run("dns", "plan", path);
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^example\.com: in sync with the file \(0 to create, 0 to update, 0 to delete, 0 unmanaged sets/);
    expect(writes()).toEqual([]);
  });

  test("--json gives the record sets in @hostup/dns's canonical form (names relative, targets full without the dot, TXT unquoted, MX priority apart)", async () => {
    const exported = await run("--json", "dns", "export", zoneId);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual({
      origin: "example.com",
      sets: [
        { name: "@", type: "A", ttl: 300, values: [{ value: "203.0.113.10" }] },
        { name: "www", type: "A", ttl: 300, values: [{ value: "203.0.113.10" }] },
        { name: "@", type: "MX", ttl: 300, values: [{ value: "mail.example.com", priority: 10 }] },
        { name: "_dmarc", type: "TXT", ttl: 300, values: [{ value: "v=DMARC1; p=none" }] },
      ],
    });
  });
});

describe("dns plan", () => {
  test("lists each record's change with the values before and after, sends no write, exits 5 while changes are pending", async () => {
    const plan = await run("dns", "plan", zoneFile(desired));
    expect(plan.code).toBe(5);
    expect(plan.stdout.split("\n")).toEqual([
      "example.com: 2 to create, 2 to update, 0 to delete, 0 unmanaged sets left alone",
      "~ update A www 203.0.113.10 (ttl 300) → 203.0.113.20 (ttl 300)",
      '~ update TXT _dmarc "v=DMARC1; p=none" (ttl 300) → "v=DMARC1; p=reject" (ttl 300)',
      "+ create A www 203.0.113.21 (ttl 300)",
      "+ create CNAME api www.example.com (ttl 300)",
      "records: 4 → 6 of 200",
      "",
    ]);
    expect(writes()).toEqual([]);
  });

  test("--json: the plan as data", async () => {
    const plan = await run("dns", "plan", zoneFile({ ...desired, _dmarc: undefined }), "--json");
    expect(plan.code).toBe(5);
    const json = JSON.parse(plan.stdout);
    expect(json).toEqual({
      zone: "example.com",
      zoneId,
      inSync: false,
      summary: { create: 2, update: 1, delete: 0, unmanaged: 1 },
      changes: [
        {
          action: "update",
          type: "A",
          name: "www",
          recordId: expect.stringMatching(/^drr_/),
          before: { value: "203.0.113.10", ttl: 300 },
          after: { value: "203.0.113.20", ttl: 300 },
          reason: "file",
        },
        { action: "create", type: "A", name: "www", after: { value: "203.0.113.21", ttl: 300 }, reason: "file" },
        { action: "create", type: "CNAME", name: "api", after: { value: "www.example.com", ttl: 300 }, reason: "file" },
      ],
      unmanaged: [{ type: "TXT", name: "_dmarc", values: [{ value: "v=DMARC1; p=none", ttl: 300 }] }],
      records: { before: 4, after: 6, limit: 200 },
    });
    expect(writes()).toEqual([]);
  });

  test("--zone takes a zone_ ID; a file named for another zone is refused before any write", async () => {
    const path = zoneFile({ www: { type: "A", ttl: 300, value: "203.0.113.10" } }, "zone.yaml");
    expect((await run("dns", "plan", path)).stderr).toContain("pass --zone");
    const byId = await run("dns", "plan", path, "--zone", zoneId);
    expect(byId.code).toBe(0);
    expect(byId.stdout).toContain("3 unmanaged sets left alone");
    const other = await run("dns", "plan", zoneFile({}, "example.org.yaml"), "--zone", "example.com");
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("is for the zone example.org, --zone says example.com");
  });
  test("a file that cannot be used is a usage error (exit 2) naming it, before any request", async () => {
    const plan = await run("dns", "plan", zoneFile({ www: { type: "A", ttl: 300, values: [] } }));
    expect(plan.code).toBe(2);
    expect(plan.stderr).toMatch(/^Error: .*example\.com\.yaml.*www/m);
    expect(api.calls()).toEqual([]);
    const missing = await run("dns", "plan", join(dir, "nope.example.com.yaml"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Cannot read");
  });
});

describe("dns apply", () => {
  test("plan → apply → plan in sync; a second apply sends nothing", async () => {
    const path = zoneFile(desired);
    const applied = await run("dns", "apply", path, "--yes");
    expect(applied.stderr).toBe("");
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("applied + create CNAME api www.example.com (ttl 300)");
    expect(applied.stdout).toMatch(/example\.com: 4 changes applied\.\n$/);
    expect(api.records("example.com", { name: "www" }).map((r) => r.value)).toEqual(["203.0.113.20", "203.0.113.21"]);
    expect(api.records("example.com", { name: "_dmarc" }).map((r) => r.value)).toEqual(['"v=DMARC1; p=reject"']);
    // the target went out as the API lists targets: full, without the file's trailing dot
    expect(api.requests.find((r) => r.operation === "createDnsRecord" && (r.body as { type: string }).type === "CNAME")?.body).toEqual({
      type: "CNAME",
      name: "api",
      value: "www.example.com",
      ttl: 300,
    });
    expect((await run("dns", "plan", path)).code).toBe(0);
    const before = api.calls().length;
    const again = await run("dns", "apply", path, "--yes");
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/in sync with the file/);
    expect(api.calls().slice(before)).toEqual(["GET listDnsZones", "GET listDnsZoneRecords"]);
  });

  test("without --yes and without a terminal it refuses (exit 2) and sends nothing", async () => {
    const refused = await run("dns", "apply", zoneFile(desired));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("Refusing to apply without --yes: there is no terminal to ask on. Nothing was sent.");
    expect(writes()).toEqual([]);
  });

  test("on a terminal it asks: anything but y sends nothing (exit 5), y applies", async () => {
    const path = zoneFile({ www: { type: "A", ttl: 300, value: "203.0.113.11" } });
    const declined = await onTerminal(["dns", "apply", path], "n\n");
    expect(declined.stdout).toContain("Apply 1 change to example.com? [y/N]");
    expect(declined.stdout).toContain("Not applied: nothing was sent.");
    expect(declined.code).toBe(5);
    expect(writes()).toEqual([]);
    const agreed = await onTerminal(["dns", "apply", path], "y\n");
    expect(agreed.code).toBe(0);
    expect(agreed.stdout).toContain("example.com: 1 change applied.");
    expect(writes()).toEqual(["PUT updateDnsRecord"]);
  });

  test("a TTL-only change is an update in place: same record, same value, new TTL", async () => {
    const [www] = api.records("example.com", { type: "A", name: "www" });
    const applied = await run("dns", "apply", zoneFile({ www: { type: "A", ttl: 60, value: "203.0.113.10" } }), "--yes");
    expect(applied.code).toBe(0);
    expect(writes()).toEqual(["PUT updateDnsRecord"]);
    expect(api.requests.find((r) => r.method === "PUT")).toMatchObject({
      path: `/api/v2/dns-zones/${zoneId}/records/${www!.id}`,
      body: { type: "A", name: "www", value: "203.0.113.10", ttl: 60 },
    });
    expect(api.records("example.com", { type: "A", name: "www" })).toMatchObject([{ id: www!.id, ttl: 60 }]);
  });

  test("replaced values: the new ones are in place (updated or created) before an old one is deleted", async () => {
    api.seed("example.com", { type: "A", name: "www", value: "203.0.113.11", ttl: 300 });
    api.seed("example.com", { type: "A", name: "www", value: "203.0.113.12", ttl: 300 });
    const applied = await run(
      "dns",
      "apply",
      zoneFile({ www: { type: "A", ttl: 300, values: ["203.0.113.12", "203.0.113.30"] } }),
      "--yes",
    );
    expect(applied.code).toBe(0);
    expect(writes()).toEqual(["PUT updateDnsRecord", "DELETE deleteDnsRecord"]);
    expect(api.records("example.com", { name: "www" }).map((r) => r.value)).toEqual(["203.0.113.30", "203.0.113.12"]);
  });

  test("--prune deletes only the sets the file does not name, never SOA or the apex NS", async () => {
    api.seed("example.com", { type: "NS", name: "lab", value: "ns.lab.example.net" });
    const path = zoneFile({ www: { type: "A", ttl: 300, value: "203.0.113.10" } });
    const plan = await run("dns", "plan", path, "--prune");
    expect(plan.code).toBe(5);
    expect(plan.stdout).toContain("- delete NS lab ns.lab.example.net (ttl 3600) (not in the file: pruned)");
    const applied = await run("dns", "apply", path, "--prune", "--yes");
    expect(applied.code).toBe(0);
    expect(writes()).toEqual(Array(4).fill("DELETE deleteDnsRecord"));
    expect(api.records("example.com").map((r) => `${r.type} ${r.name}`)).toEqual([
      "SOA example.com",
      "NS example.com",
      "NS example.com",
      "A www.example.com",
    ]);
  });

  test("stops at the first refusal (a 400 on the 2nd create) and reports what was applied and what was not (exit 3)", async () => {
    api.inject("createDnsRecord", { apply: true, delayMs: 0 });
    api.inject("createDnsRecord", { apply: false, status: 400 });
    const file = { ...desired, mail: { type: "A", ttl: 300, value: "203.0.113.40" } };
    const applied = await run("dns", "apply", zoneFile(file), "--yes");
    expect(applied.code).toBe(3);
    expect(applied.stdout).toContain(
      [
        "example.com: stopped after 3 of 5 changes.",
        "refused: + create CNAME api www.example.com (ttl 300)",
        "not applied: + create A mail 203.0.113.40 (ttl 300)",
      ].join("\n"),
    );
    expect(applied.stderr).toContain("Error: HTTP 400 injected");
    expect(writes()).toEqual(["PUT updateDnsRecord", "PUT updateDnsRecord", "POST createDnsRecord", "POST createDnsRecord"]);
    // what is left is what the next plan shows
    const left = JSON.parse((await run("--json", "dns", "plan", zoneFile(file))).stdout);
    expect(left.changes.map((c: { action: string; name: string }) => `${c.action} ${c.name}`)).toEqual(["create api", "create mail"]);
  });

  test("--json: the plan, what was applied and what was not", async () => {
    api.inject("updateDnsRecord", { apply: false, status: 400 });
    const applied = await run("--json", "dns", "apply", zoneFile(desired), "--yes");
    expect(applied.code).toBe(3);
    const json = JSON.parse(applied.stdout);
    expect(json.plan.summary).toEqual({ create: 2, update: 2, delete: 0, unmanaged: 0 });
    expect(json.applied).toEqual([]);
    expect(json.failed).toMatchObject({ action: "update", name: "www", outcome: "refused" });
    expect(json.notApplied).toHaveLength(3);
    expect(JSON.parse(applied.stderr).error).toMatchObject({ status: 400 });
  });

  test("a create whose answer is lost stops the apply as a network error (exit 4); the next plan shows it was made", async () => {
    // a create is not retry-safe: the SDK does not repeat it, so the outcome is unknown to the CLI
    api.inject("createDnsRecord", { apply: true, drop: true });
    const path = zoneFile({ www: { type: "A", ttl: 300, values: ["203.0.113.10", "203.0.113.21", "203.0.113.22"] } });
    const applied = await run("dns", "apply", path, "--yes");
    expect(applied.code).toBe(4);
    expect(applied.stdout).toContain(
      [
        "example.com: stopped after 0 of 2 changes.",
        "unknown: + create A www 203.0.113.21 (ttl 300) (the answer was lost: a new plan shows whether it was made)",
        "not applied: + create A www 203.0.113.22 (ttl 300)",
      ].join("\n"),
    );
    expect(writes()).toEqual(["POST createDnsRecord"]);
    const left = JSON.parse((await run("dns", "plan", path, "--json")).stdout);
    expect(left.changes).toMatchObject([{ action: "create", after: { value: "203.0.113.22" } }]);
  });

  test("a zone that would hold more than 200 records is refused before anything is sent", async () => {
    for (let i = 0; i < 190; i++) api.seed("example.com", { type: "A", name: `host${i}`, value: "203.0.113.50" });
    const extra = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`new${i}`, { type: "A", ttl: 300, value: "203.0.113.60" }]));
    const applied = await run("dns", "apply", zoneFile({ ...desired, ...extra }), "--yes");
    expect(applied.code).toBe(2);
    expect(applied.stderr).toContain("example.com would hold 203 records after this plan (190 of them in sets the file does not name)");
    expect(writes()).toEqual([]);
  });
});
