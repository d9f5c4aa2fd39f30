import { describe, expect, test } from "vitest";
import { type ApplyEvent, applyPlan, outcomeOf, type Plan, PlanRefusedError, planZone, readLiveZone, type ZoneFile } from "../src/index.js";
import { connectionError, FakeZone, httpError, type Seed } from "./fake-api.js";
import { yaml } from "./helpers.js";

const ZONE = "example.com";
const a = (name: string, value: string, id: string, ttl = 300): Seed => ({ id, type: "A", name: `${name}.${ZONE}`, value, ttl });

/** A zone with one update, one delete and two creates to make. */
async function setup() {
  const api = new FakeZone(ZONE, [a("www", "192.0.2.1", "w"), a("old", "192.0.2.9", "o"), a("ftp", "192.0.2.5", "f")]);
  const file = yaml(
    [
      "www: {type: A, ttl: 300, value: 192.0.2.2}",
      "ftp: {type: A, ttl: 300, value: 192.0.2.5}",
      "_dmarc: {type: TXT, value: 'v=DMARC1\\; p=none'}",
      "'': {type: MX, ttl: 600, value: {exchange: mail.example.com., preference: 10}}",
    ].join("\n"),
  );
  const plan = planZone(file, await readLiveZone(api, "zone-1"), { prune: true });
  return { api, file, plan };
}

describe("applyPlan", () => {
  test("sends the plan's writes in order, with the bodies the routes take", async () => {
    const { api, plan } = await setup();
    expect(plan.changes.map((c) => c.action)).toEqual(["update", "delete", "create", "create"]);
    const result = await applyPlan(api, plan);
    expect(result).toEqual({ applied: plan.changes, notApplied: [], interrupted: false });
    expect(api.calls).toEqual([
      { method: "update", zoneId: "zone-1", recordId: "w", body: { type: "A", name: "www", value: "192.0.2.2", ttl: 300 } },
      { method: "delete", zoneId: "zone-1", recordId: "o" },
      { method: "create", zoneId: "zone-1", body: { type: "TXT", name: "_dmarc", value: "v=DMARC1; p=none" } },
      { method: "create", zoneId: "zone-1", body: { type: "MX", name: "@", value: "mail.example.com", ttl: 600, priority: 10 } },
    ]);
  });

  test("after apply, a new plan is in sync", async () => {
    const { api, file, plan } = await setup();
    await applyPlan(api, plan);
    const again = planZone(file, await readLiveZone(api, "zone-1"), { prune: true });
    expect(again.changes).toEqual([]);
  });

  test("reports progress as events", async () => {
    const { api, plan } = await setup();
    const events: ApplyEvent[] = [];
    await applyPlan(api, plan, { onEvent: (event) => events.push(event) });
    expect(events.map((e) => `${e.type} ${e.index}`)).toEqual([
      "write 0",
      "applied 0",
      "write 1",
      "applied 1",
      "write 2",
      "applied 2",
      "write 3",
      "applied 3",
    ]);
    expect(events[0]?.change).toBe(plan.changes[0]);
  });

  test("an empty plan sends nothing", async () => {
    const api = new FakeZone(ZONE, []);
    const plan = planZone({ sets: [] }, await readLiveZone(api, "zone-1"));
    expect(await applyPlan(api, plan)).toEqual({ applied: [], notApplied: [], interrupted: false });
    expect(api.calls).toEqual([]);
  });

  test("stops at the first refusal (status 400): refused, the rest not applied", async () => {
    const { api, plan } = await setup();
    const refusal = httpError(400);
    api.beforeWrite = (_, index) => {
      if (index === 1) throw refusal;
    };
    const events: ApplyEvent[] = [];
    const result = await applyPlan(api, plan, { onEvent: (event) => events.push(event) });
    expect(result.applied).toEqual([plan.changes[0]]);
    expect(result.failed).toEqual({ change: plan.changes[1], outcome: "refused", error: refusal });
    expect(result.notApplied).toEqual(plan.changes.slice(2));
    expect(result.interrupted).toBe(false);
    expect(api.calls).toHaveLength(2);
    expect(events.at(-1)).toEqual({ type: "failed", change: plan.changes[1], index: 1, outcome: "refused", error: refusal });
  });

  test.each([
    ["a lost connection (HostupConnectionError)", connectionError()],
    ["a 503", httpError(503)],
    ["a 500", httpError(500)],
  ])("the outcome of %s is unknown", async (_, error) => {
    const { api, plan } = await setup();
    api.beforeWrite = (_, index) => {
      if (index === 2) throw error;
    };
    const result = await applyPlan(api, plan);
    expect(result.applied).toEqual(plan.changes.slice(0, 2));
    expect(result.failed?.outcome).toBe("unknown");
    expect(result.failed?.change).toBe(plan.changes[2]);
    expect(result.notApplied).toEqual(plan.changes.slice(3));
    expect(api.calls).toHaveLength(3);
  });

  test("outcomeOf", () => {
    expect(outcomeOf(httpError(400))).toBe("refused");
    expect(outcomeOf(httpError(404))).toBe("refused");
    expect(outcomeOf(httpError(429))).toBe("refused");
    expect(outcomeOf({ status: 400 })).toBe("refused");
    expect(outcomeOf({ status: 503 })).toBe("unknown");
    expect(outcomeOf(connectionError())).toBe("unknown");
    for (const name of ["HostupTimeoutError", "HostupUnexpectedResponseError"]) {
      const error = new Error("x");
      error.name = name;
      expect(outcomeOf(error)).toBe("unknown");
    }
    expect(outcomeOf(new Error("plain"))).toBe("refused");
    expect(outcomeOf(null)).toBe("refused");
    expect(outcomeOf("text")).toBe("refused");
  });

  test("a write failing with a plain object (status 400) is refused too", async () => {
    const { api, plan } = await setup();
    api.beforeWrite = () => {
      throw { status: 400, message: "duplicate" };
    };
    const result = await applyPlan(api, plan);
    expect(result.applied).toEqual([]);
    expect(result.failed?.outcome).toBe("refused");
    expect(result.notApplied).toHaveLength(3);
  });

  test("an interrupt between writes: the write in flight completes and is applied, nothing after it is sent", async () => {
    const { api, plan } = await setup();
    const controller = new AbortController();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    api.beforeWrite = async (_, index) => {
      if (index === 1) {
        controller.abort();
        await held;
      }
    };
    const running = applyPlan(api, plan, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(api.calls).toHaveLength(2);
    release();
    const result = await running;
    expect(result.interrupted).toBe(true);
    expect(result.applied).toEqual(plan.changes.slice(0, 2));
    expect(result.failed).toBeUndefined();
    expect(result.notApplied).toEqual(plan.changes.slice(2));
    expect(api.calls).toHaveLength(2);
    // The delete in flight was made.
    expect(api.records.some((record) => record.id === "o")).toBe(false);
  });

  test("an interrupt before the first write sends nothing", async () => {
    const { api, plan } = await setup();
    const controller = new AbortController();
    controller.abort();
    const result = await applyPlan(api, plan, { signal: controller.signal });
    expect(result).toEqual({ applied: [], notApplied: plan.changes, interrupted: true });
    expect(api.calls).toEqual([]);
  });

  test("checkPlan's refusal comes before any call", async () => {
    const seeds = Array.from({ length: 20 }, (_, i) => a(`h${i}`, "192.0.2.1", `id${i}`));
    const api = new FakeZone(ZONE, seeds);
    const file: ZoneFile = { sets: [{ name: "h0", type: "A", ttl: 300, values: [{ value: "192.0.2.1" }] }] };
    const plan = planZone(file, await readLiveZone(api, "zone-1"), { prune: true });
    await expect(applyPlan(api, plan)).rejects.toBeInstanceOf(PlanRefusedError);
    await expect(applyPlan(api, plan)).rejects.toMatchObject({ reason: "unsafe" });
    expect(api.calls).toEqual([]);
    const forced = await applyPlan(api, plan, { force: true });
    expect(forced.applied).toHaveLength(19);
    expect(api.calls).toHaveLength(19);
  });

  test("a plan over the record limit is refused before any call, even forced", async () => {
    const api = new FakeZone(ZONE, []);
    const text = Array.from({ length: 150 }, (_, i) => `h${i}: {type: A, value: 192.0.2.1}`).join("\n");
    const first = planZone(yaml(text), await readLiveZone(api, "zone-1"));
    const over: Plan = { ...first, changes: [...first.changes, ...first.changes.slice(0, 60)], records: { ...first.records, after: 210 } };
    await expect(applyPlan(api, over, { force: true })).rejects.toMatchObject({ name: "PlanRefusedError", reason: "record-limit" });
    expect(api.calls).toEqual([]);
  });
});
