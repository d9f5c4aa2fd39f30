// wait_for_job: progress notifications that only grow (the reporter, a pure function), a job that ends
// answered with its state, and one that outlasts maxWaitSeconds answered as still running, not as an
// error. The polls run on vitest's fake timers (the SDK waits between polls with setTimeout).
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { progressReporter } from "../src/tools/jobs.js";
import { connect, type Connected, textOf } from "./support.js";

const JOB = "dbj_01hxa3b4c5d6e7f8g9h0j1k2m3";
/** The MCP client's own request timeout runs on the faked timers too: out of the way. */
const NO_CLIENT_TIMEOUT = 3_600_000;
let answers: Array<{ status: string; progress?: number }>;
let mcp: Connected;
beforeEach(async () => {
  answers = [];
  // Each poll takes the next state; the last one repeats.
  const fetch = async () => {
    const state = answers.length > 1 ? answers.shift()! : answers[0]!;
    return Response.json({ jobId: JOB, ...state, result: state.status === "completed" ? { done: 3 } : null });
  };
  mcp = await connect("http://127.0.0.1:9", {}, { fetch });
  // One call on real time first: the SDK loads its workflows and input checks on first use (file I/O
  // that fake time cannot hurry).
  answers = [{ status: "completed", progress: 100 }];
  await mcp.call("wait_for_job", { job: JOB });
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
});
afterEach(async () => {
  vi.useRealTimers();
  await mcp.close();
});

/** Runs the call, moving the fake clock on while it is pending. */
async function settle<T>(pending: Promise<T>): Promise<T> {
  let done = false;
  void pending.finally(() => {
    done = true;
  });
  for (let i = 0; i < 600 && !done; i++) await vi.advanceTimersByTimeAsync(1_000); // at most ten minutes of fake time
  return pending;
}

test("progress notifications only grow: a state without a figure, or a lower one, repeats nothing; completion is 100", () => {
  const sent: Array<[number, number | undefined, string | undefined]> = [];
  const report = progressReporter(async (progress, total, message) => void sent.push([progress, total, message]));
  for (const state of [
    { status: "queued", progress: undefined },
    { status: "in_progress", progress: 40 },
    { status: "in_progress", progress: undefined },
    { status: "in_progress", progress: 30 },
    { status: "in_progress", progress: 40 },
    { status: "in_progress", progress: 70 },
    { status: "completed", progress: undefined },
  ]) {
    report({ jobId: JOB, ...state });
  }
  expect(sent).toEqual([
    [40, 100, `${JOB}: in_progress`],
    [70, 100, `${JOB}: in_progress`],
    [100, 100, `${JOB}: completed`],
  ]);
});

test("a job that ends is answered with its state", async () => {
  answers = [
    { status: "in_progress", progress: 40 },
    { status: "completed", progress: 100 },
  ];
  const result = await settle(
    mcp.client.callTool({ name: "wait_for_job", arguments: { job: JOB } }, undefined, { timeout: NO_CLIENT_TIMEOUT }),
  );
  expect(result.structuredContent).toMatchObject({ jobId: JOB, status: "completed", result: { done: 3 } });
});

test("a job still in progress after maxWaitSeconds is answered as such, with the advice to call again", async () => {
  answers = [{ status: "in_progress", progress: 10 }];
  const result = await settle(
    mcp.client.callTool({ name: "wait_for_job", arguments: { job: JOB, maxWaitSeconds: 5 } }, undefined, { timeout: NO_CLIENT_TIMEOUT }),
  );
  expect(result.isError).toBeFalsy();
  expect(result.structuredContent).toMatchObject({ jobId: JOB, status: "in_progress", progress: 10 });
  expect(textOf(result as never)).toMatch(/still in_progress after \d+ s: call wait_for_job again/);
});
