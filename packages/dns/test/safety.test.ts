import { describe, expect, test } from "vitest";
import { type Change, changeShare, checkPlan, type Plan, PlanRefusedError, planZone, readLiveZone, type ZoneFile } from "../src/index.js";
import { FakeZone, type Seed, systemRecords } from "./fake-api.js";

const change = (action: Change["action"], i: number): Change => ({
  action,
  type: "A",
  name: `h${i}`,
  ...(action !== "create" && { recordId: `r${i}`, before: { value: "192.0.2.1" } }),
  ...(action !== "delete" && { after: { value: "192.0.2.2" } }),
  reason: "file",
});

/** A plan on a zone of `before` records that updates `updates`, deletes `deletes` and creates `creates`. */
function planOf(before: number, updates: number, deletes: number, creates: number, unmanaged = 0): Plan {
  const changes = [
    ...Array.from({ length: updates }, (_, i) => change("update", i)),
    ...Array.from({ length: deletes }, (_, i) => change("delete", updates + i)),
    ...Array.from({ length: creates }, (_, i) => change("create", updates + deletes + i)),
  ];
  return {
    zone: "example.com",
    zoneId: "zone-1",
    changes,
    unmanaged:
      unmanaged > 0 ? [{ type: "TXT", name: "kept", values: Array.from({ length: unmanaged }, (_, i) => ({ value: `v${i}` })) }] : [],
    records: { before, after: before - deletes + creates, limit: 200 },
  };
}

function refusal(plan: Plan, options = {}): PlanRefusedError {
  try {
    checkPlan(plan, options);
  } catch (error) {
    expect(error).toBeInstanceOf(PlanRefusedError);
    return error as PlanRefusedError;
  }
  throw new Error("the plan was let through");
}

describe("the 200-record limit", () => {
  test("200 after the plan is allowed, 201 refused", () => {
    expect(() => checkPlan(planOf(0, 0, 0, 200))).not.toThrow();
    const error = refusal(planOf(0, 0, 0, 201));
    expect(error.reason).toBe("record-limit");
    expect(error.name).toBe("PlanRefusedError");
    expect(error.message).toMatch(/would hold 201 records.*more than the 200/);
  });

  test("force does not lift it", () => {
    expect(refusal(planOf(150, 0, 0, 60), { force: true }).reason).toBe("record-limit");
  });

  test("the message points at unmanaged sets when there are some", () => {
    expect(refusal(planOf(190, 0, 0, 20, 5)).message).toMatch(/5 of them in sets the file does not name.*Prune/);
    expect(refusal(planOf(190, 0, 0, 20)).message).not.toMatch(/Prune/);
  });

  test("deletes make room for creates", () => {
    expect(() => checkPlan(planOf(200, 0, 10, 10), { force: true })).not.toThrow();
  });
});

describe("the share of the zone a plan may change", () => {
  test("changeShare counts updates and deletes, not creates", () => {
    expect(changeShare(planOf(10, 2, 1, 50))).toEqual({ changed: 3, existing: 10, share: 0.3 });
    expect(changeShare(planOf(0, 0, 0, 5))).toEqual({ changed: 0, existing: 0, share: 0 });
  });

  test("30 % of a zone of 10 is allowed, more refused", () => {
    expect(() => checkPlan(planOf(10, 3, 0, 0))).not.toThrow();
    const error = refusal(planOf(10, 2, 2, 0));
    expect(error.reason).toBe("unsafe");
    expect(error.message).toMatch(/4 of example\.com's 10 records \(40 %\).*30 %/);
  });

  test("zones under 10 records are never stopped for their share", () => {
    expect(() => checkPlan(planOf(9, 0, 9, 0))).not.toThrow();
    expect(refusal(planOf(10, 0, 10, 0)).reason).toBe("unsafe");
  });

  test("force lets it through", () => {
    expect(() => checkPlan(planOf(100, 50, 50, 0), { force: true })).not.toThrow();
  });

  test("creates alone never trip it", () => {
    expect(() => checkPlan(planOf(10, 0, 0, 150))).not.toThrow();
  });

  test("the share and the minimum can be set", () => {
    expect(() => checkPlan(planOf(20, 8, 0, 0), { maxChangeShare: 0.5 })).not.toThrow();
    expect(refusal(planOf(20, 11, 0, 0), { maxChangeShare: 0.5 }).message).toMatch(/55 %.*50 %/);
    expect(refusal(planOf(4, 2, 0, 0), { minRecordsForShare: 3 }).reason).toBe("unsafe");
    expect(() => checkPlan(planOf(20, 20, 0, 0), { minRecordsForShare: 21 })).not.toThrow();
  });
});

describe("on a plan made by planZone", () => {
  test("sets the file does not name count toward the limit; pruning them makes room, but only forced past the share", async () => {
    const seeds: Seed[] = Array.from({ length: 150 }, (_, i) => ({ type: "A", name: `h${i}.example.com`, value: "203.0.113.1", ttl: 300 }));
    const zone = await readLiveZone(new FakeZone("example.com", [...systemRecords("example.com"), ...seeds]), "zone-1");
    const file: ZoneFile = {
      sets: Array.from({ length: 51 }, (_, i) => ({ name: `n${i}`, type: "A", ttl: 300, values: [{ value: "203.0.113.2" }] })),
    };
    const plan = planZone(file, zone);
    expect(plan.records).toEqual({ before: 150, after: 201, limit: 200 });
    const error = refusal(plan);
    expect(error.reason).toBe("record-limit");
    expect(error.message).toMatch(/would hold 201 records after this plan \(150 of them in sets the file does not name\).*Prune/);
    const pruned = planZone(file, zone, { prune: true });
    expect(pruned.records).toEqual({ before: 150, after: 51, limit: 200 });
    // Pruning deletes every record the zone had: more than the share a plan may change unforced.
    expect(refusal(pruned).reason).toBe("unsafe");
    expect(() => checkPlan(pruned, { force: true })).not.toThrow();
  });
});
