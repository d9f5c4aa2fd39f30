// The planner on ZoneFile objects and live record sets directly (no parser, no requests): per set the
// zone ends up with exactly the file's values and TTL; unmanaged sets are left alone unless pruned.
import { describe, expect, test } from "vitest";
import { recordSets } from "../src/zone-sync/live.js";
import { checkRecordLimit, planZone } from "../src/zone-sync/plan.js";
import { planJson, planText } from "../src/zone-sync/render.js";
import type { RecordSet } from "../src/zonefile/model.js";

const ZONE = "example.com";

/** Records as the API lists them: full names, TXT quoted, null for unused fields; SOA and apex NS included. */
function liveZone(
  records: Array<{ type: string; name: string; value: string; ttl?: number; priority?: number; weight?: number; port?: number }>,
) {
  const listed = [
    { id: "drr_soa", type: "SOA", name: ZONE, value: "ns1.hostup.se. hostmaster.hostup.se. 1 3600 600 1209600 300", ttl: 3600 },
    { id: "drr_ns1", type: "NS", name: ZONE, value: "ns1.hostup.se", ttl: 3600 },
    { id: "drr_ns2", type: "NS", name: ZONE, value: "ns2.hostup.se", ttl: 3600 },
    ...records.map((r, i) => ({ id: `drr_${i + 1}`, priority: null, weight: null, port: null, ttl: 3600, ...r })),
  ];
  return { id: "zone_1", name: ZONE, sets: recordSets(listed, ZONE) };
}

const set = (name: string, type: string, values: RecordSet["values"], ttl?: number): RecordSet => ({
  name,
  type,
  values,
  ...(ttl !== undefined && { ttl }),
});

describe("live record sets", () => {
  test("group by relative name and type; SOA and apex NS left out; TXT unquoted; MX priority kept", () => {
    const live = liveZone([
      { type: "A", name: "www.example.com", value: "203.0.113.1" },
      { type: "A", name: "www.example.com", value: "203.0.113.2", ttl: 300 },
      { type: "TXT", name: "_dmarc.example.com", value: '"v=DMARC1; " "p=none"' },
      { type: "MX", name: ZONE, value: "mail.example.com", priority: 10 },
      { type: "NS", name: "sub.example.com", value: "ns.other.net" },
    ]);
    expect(live.sets.map((s) => [s.name, s.type, s.records.map((r) => r.value)])).toEqual([
      ["www", "A", [{ value: "203.0.113.1" }, { value: "203.0.113.2" }]],
      ["_dmarc", "TXT", [{ value: "v=DMARC1; p=none" }]],
      ["@", "MX", [{ value: "mail.example.com", priority: 10 }]],
      ["sub", "NS", [{ value: "ns.other.net" }]],
    ]);
  });
});

describe("planZone", () => {
  const live = liveZone([
    { type: "A", name: "www.example.com", value: "203.0.113.1", ttl: 300 },
    { type: "TXT", name: "_dmarc.example.com", value: '"v=DMARC1; p=none"', ttl: 300 },
    { type: "MX", name: ZONE, value: "mail.example.com", priority: 10, ttl: 300 },
    { type: "CNAME", name: "old.example.com", value: "www.example.com", ttl: 300 },
  ]);

  test("a file equal to the zone (names full or relative, targets with the dot, TXT unquoted) plans nothing", () => {
    const plan = planZone(
      {
        sets: [
          set("www.example.com.", "A", [{ value: "203.0.113.1" }], 300),
          set("_dmarc", "TXT", [{ value: "v=DMARC1; p=none" }], 300),
          set("@", "MX", [{ value: "MAIL.example.com.", priority: 10 }], 300),
        ],
      },
      live,
    );
    expect(plan.changes).toEqual([]);
    expect(plan.unmanaged).toEqual([{ type: "CNAME", name: "old", values: [{ value: "www.example.com", ttl: 300 }] }]);
    expect(planJson(plan)).toMatchObject({ inSync: true, summary: { create: 0, update: 0, delete: 0, unmanaged: 1 } });
    expect(planText(plan)).toMatch(/^example\.com: in sync with the file/);
  });

  test("a TTL-only change is an update of the record in place, value kept", () => {
    const plan = planZone({ sets: [set("www", "A", [{ value: "203.0.113.1" }], 60)] }, live);
    expect(plan.changes).toEqual([
      {
        action: "update",
        type: "A",
        name: "www",
        recordId: "drr_1",
        before: { value: "203.0.113.1", ttl: 300 },
        after: { value: "203.0.113.1", ttl: 60 },
        reason: "file",
      },
    ]);
  });

  test("a set without a TTL in the file keeps the zone's TTL, also for its new values", () => {
    const plan = planZone({ sets: [set("www", "A", [{ value: "203.0.113.1" }, { value: "203.0.113.9" }])] }, live);
    expect(plan.changes).toEqual([{ action: "create", type: "A", name: "www", after: { value: "203.0.113.9", ttl: 300 }, reason: "file" }]);
  });

  test("MX priority is part of the value: a new priority is an update", () => {
    const plan = planZone({ sets: [set("@", "MX", [{ value: "mail.example.com", priority: 20 }], 300)] }, live);
    expect(plan.changes).toMatchObject([
      { action: "update", before: { priority: 10 }, after: { value: "mail.example.com", priority: 20 } },
    ]);
  });

  test("replaced values are paired with old ones and updated in place; extras created, or deleted after the updates", () => {
    const grow = planZone({ sets: [set("www", "A", [{ value: "203.0.113.7" }, { value: "203.0.113.8" }], 300)] }, live);
    expect(grow.changes.map((c) => [c.action, c.before?.value, c.after?.value])).toEqual([
      ["update", "203.0.113.1", "203.0.113.7"],
      ["create", undefined, "203.0.113.8"],
    ]);
    const wide = liveZone([
      { type: "A", name: "www", value: "203.0.113.1" },
      { type: "A", name: "www", value: "203.0.113.2" },
      { type: "A", name: "www", value: "203.0.113.3" },
    ]);
    const shrink = planZone({ sets: [set("www", "A", [{ value: "203.0.113.2" }, { value: "203.0.113.9" }], 3600)] }, wide);
    expect(shrink.changes.map((c) => [c.action, c.recordId, c.before?.value, c.after?.value])).toEqual([
      ["update", "drr_1", "203.0.113.1", "203.0.113.9"],
      ["delete", "drr_3", "203.0.113.3", undefined],
    ]);
  });

  test("two records with one value: the second is an extra and goes", () => {
    const doubled = liveZone([
      { type: "TXT", name: "x", value: '"a"' },
      { type: "TXT", name: "x", value: '"a"' },
    ]);
    const plan = planZone({ sets: [set("x", "TXT", [{ value: "a" }], 3600)] }, doubled);
    expect(plan.changes).toMatchObject([{ action: "delete", recordId: "drr_2" }]);
  });

  test("--prune deletes the sets the file does not name, never SOA or the apex NS; writes ordered updates, deletes, creates", () => {
    const plan = planZone(
      { sets: [set("www", "A", [{ value: "203.0.113.5" }], 300), set("new", "A", [{ value: "203.0.113.6" }], 300)] },
      live,
      { prune: true },
    );
    expect(plan.changes.map((c) => `${c.action} ${c.type} ${c.name} ${c.reason}`)).toEqual([
      "update A www file",
      "delete TXT _dmarc prune",
      "delete MX @ prune",
      "delete CNAME old prune",
      "create A new file",
    ]);
    expect(plan.unmanaged).toEqual([]);
    expect(plan.records).toEqual({ before: 4, after: 2, limit: 200 });
  });

  test("SOA and apex NS in the file are not planned", () => {
    const plan = planZone(
      {
        sets: [
          set("@", "NS", [{ value: "ns.elsewhere.net" }], 60),
          set("@", "SOA", [{ value: "x. y. 1 2 3 4 5" }]),
          ...live.sets.map((s) =>
            set(
              s.name,
              s.type,
              s.records.map((r) => r.value),
              300,
            ),
          ),
        ],
      },
      live,
      { prune: true },
    );
    expect(plan.changes).toEqual([]);
  });

  test("the zone after the plan, unmanaged sets included, must hold at most 200 records", () => {
    const full = liveZone(Array.from({ length: 150 }, (_, i) => ({ type: "A", name: `h${i}`, value: "203.0.113.1" })));
    const file = { sets: Array.from({ length: 51 }, (_, i) => set(`n${i}`, "A", [{ value: "203.0.113.2" }], 300)) };
    const plan = planZone(file, full);
    expect(plan.records).toEqual({ before: 150, after: 201, limit: 200 });
    expect(() => checkRecordLimit(plan)).toThrow(/would hold 201 records .*150 of them in sets the file does not name.*--prune/);
    expect(() => checkRecordLimit(planZone(file, full, { prune: true }))).not.toThrow();
  });
});
