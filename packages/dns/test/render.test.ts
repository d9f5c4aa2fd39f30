import { describe, expect, test } from "vitest";
import {
  type ApplyResult,
  applyJson,
  applyText,
  type Change,
  describeChange,
  describeState,
  type Plan,
  planJson,
  planMarkdown,
  planSummary,
  planText,
} from "../src/index.js";

const update: Change = {
  action: "update",
  type: "A",
  name: "www",
  recordId: "r1",
  before: { value: "192.0.2.1", ttl: 300 },
  after: { value: "192.0.2.2", ttl: 300 },
  reason: "file",
};
const prune: Change = { action: "delete", type: "TXT", name: "old", recordId: "r2", before: { value: "a  b", ttl: 300 }, reason: "prune" };
const create: Change = {
  action: "create",
  type: "MX",
  name: "@",
  after: { value: "mail.example.com", priority: 10, ttl: 600 },
  reason: "file",
};
const pipe: Change = { action: "create", type: "TXT", name: "_x", after: { value: "a|b`c\nd" }, reason: "file" };

const plan: Plan = {
  zone: "example.com",
  zoneId: "zone-1",
  changes: [update, prune, create],
  unmanaged: [{ type: "CNAME", name: "ftp", values: [{ value: "example.net", ttl: 300 }] }],
  records: { before: 5, after: 5, limit: 200 },
};
const empty: Plan = { zone: "example.com", zoneId: "zone-1", changes: [], unmanaged: [], records: { before: 2, after: 2, limit: 200 } };

describe("describing records and changes", () => {
  test("describeState: numbers first, TXT quoted, the TTL", () => {
    expect(describeState("MX", { value: "mail.example.com", priority: 10, ttl: 600 })).toBe("10 mail.example.com (ttl 600)");
    expect(describeState("SRV", { value: "sip.example.com", priority: 1, weight: 2, port: 5060 })).toBe("1 2 5060 sip.example.com");
    expect(describeState("TXT", { value: 'a  "b"' })).toBe('"a  \\"b\\""');
    expect(describeState("A", { value: "192.0.2.1" })).toBe("192.0.2.1");
  });

  test("describeChange", () => {
    expect(describeChange(update)).toBe("~ update A www 192.0.2.1 (ttl 300) → 192.0.2.2 (ttl 300)");
    expect(describeChange(prune)).toBe('- delete TXT old "a  b" (ttl 300) (not in the file: pruned)');
    expect(describeChange(create)).toBe("+ create MX @ 10 mail.example.com (ttl 600)");
  });

  test("planSummary", () => {
    expect(planSummary(plan)).toEqual({ create: 1, update: 1, delete: 1, unmanaged: 1 });
  });
});

describe("text", () => {
  test("a line per write, the unmanaged sets, the counts", () => {
    expect(planText(plan).split("\n")).toEqual([
      "example.com: 1 to create, 1 to update, 1 to delete, 1 unmanaged set left alone",
      "~ update A www 192.0.2.1 (ttl 300) → 192.0.2.2 (ttl 300)",
      '- delete TXT old "a  b" (ttl 300) (not in the file: pruned)',
      "+ create MX @ 10 mail.example.com (ttl 600)",
      "  unmanaged CNAME ftp: example.net (ttl 300) (not in the file: left alone)",
      "records: 5 → 5 of 200",
    ]);
  });

  test("in sync", () => {
    expect(planText(empty)).toBe(
      "example.com: in sync with the file (0 to create, 0 to update, 0 to delete, 0 unmanaged sets left alone)\nrecords: 2 → 2 of 200",
    );
  });
});

describe("JSON", () => {
  test("the plan as data", () => {
    const json = planJson(plan);
    expect(json).toEqual({
      zone: "example.com",
      zoneId: "zone-1",
      inSync: false,
      summary: { create: 1, update: 1, delete: 1, unmanaged: 1 },
      changes: plan.changes,
      unmanaged: plan.unmanaged,
      records: plan.records,
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(planJson(empty).inSync).toBe(true);
  });

  test("what apply did", () => {
    const result: ApplyResult = {
      applied: [update],
      failed: { change: prune, outcome: "unknown", error: new Error("lost") },
      notApplied: [create],
      interrupted: false,
    };
    const json = applyJson(plan, result);
    expect(json.applied).toEqual([update]);
    expect(json.failed).toEqual({ ...prune, outcome: "unknown" });
    expect(json.notApplied).toEqual([create]);
    expect(json.interrupted).toBe(false);
    expect(json.plan.summary.create).toBe(1);
    expect("failed" in applyJson(plan, { applied: plan.changes, notApplied: [], interrupted: false })).toBe(false);
  });
});

describe("Markdown for a pull request", () => {
  test("a summary and a table of the writes", () => {
    const lines = planMarkdown(plan).split("\n");
    expect(lines[0]).toBe("### DNS plan for `example.com`");
    expect(lines[2]).toBe("**1** to create, **1** to update, **1** to delete; 1 unmanaged set left alone. Records: 5 → 5 of 200.");
    expect(lines[4]).toBe("| | Type | Name | Before | After |");
    expect(lines[5]).toBe("|---|---|---|---|---|");
    expect(lines.slice(6, 9)).toEqual([
      "| ~ update | A | `www` | `192.0.2.1 (ttl 300)` | `192.0.2.2 (ttl 300)` |",
      expect.stringMatching(/^\| - delete \(prune\) \| TXT \| `old` \| `"a +b" \(ttl 300\)` \| {2}\|$/),
      "| + create | MX | `@` |  | `10 mail.example.com (ttl 600)` |",
    ]);
    expect(lines.at(-1)).toBe("");
  });

  test("pipes, backticks and line ends cannot break the table", () => {
    const md = planMarkdown({ ...plan, changes: [pipe] });
    const row = md.split("\n").find((line) => line.startsWith("| + create"));
    expect(row).toBeDefined();
    expect(row).not.toContain("`c");
    expect(row?.replace(/\\\|/g, "").split("|")).toHaveLength(7);
    expect(md.split("\n").filter((line) => line.startsWith("|"))).toHaveLength(3);
  });

  test("in sync", () => {
    expect(planMarkdown(empty)).toBe(
      "### DNS plan for `example.com`\n\nIn sync with the file: nothing to change (0 unmanaged sets left alone).\n",
    );
  });
});

describe("apply as text", () => {
  test("all applied", () => {
    expect(applyText(plan, { applied: plan.changes, notApplied: [], interrupted: false })).toBe("example.com: 3 changes applied.");
    expect(applyText(plan, { applied: [update], notApplied: [], interrupted: false })).toBe("example.com: 1 change applied.");
  });

  test("refused", () => {
    const text = applyText(plan, {
      applied: [update],
      failed: { change: prune, outcome: "refused", error: {} },
      notApplied: [create],
      interrupted: false,
    });
    expect(text.split("\n")).toEqual([
      "example.com: stopped after 1 of 3 changes.",
      'refused: - delete TXT old "a  b" (ttl 300) (not in the file: pruned)',
      "not applied: + create MX @ 10 mail.example.com (ttl 600)",
    ]);
  });

  test("unknown", () => {
    const text = applyText(plan, {
      applied: [],
      failed: { change: update, outcome: "unknown", error: {} },
      notApplied: [prune, create],
      interrupted: false,
    });
    expect(text).toMatch(/^example\.com: stopped after 0 of 3 changes\.\nunknown: ~ update A www .*a new plan shows whether it was made/);
    expect(text.split("\n").filter((line) => line.startsWith("not applied:"))).toHaveLength(2);
  });

  test("interrupted", () => {
    const text = applyText(plan, { applied: [update], notApplied: [prune, create], interrupted: true });
    expect(text.split("\n")[0]).toBe("example.com: interrupted after 1 of 3 changes (the write in flight was finished).");
    expect(text.split("\n")).toHaveLength(3);
  });
});
