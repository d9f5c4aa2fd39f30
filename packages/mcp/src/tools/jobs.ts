// Bulk jobs: wait for one to finish, with progress notifications when the caller asked for them.
import { HostupJobTimeoutError } from "@hostup/sdk";
import { int, obj, out, str } from "../schema.js";
import type { Tool } from "../tool.js";

/** Under the 60 s an MCP client waits for a call by default: a longer job is "still running, call again". */
const DEFAULT_WAIT_SECONDS = 50;

export const jobTools: Tool[] = [
  {
    name: "wait_for_job",
    description: "Wait up to maxWaitSeconds (default 50) for a bulk job (ID or pollUrl), with progress; still running: call again.",
    kind: "read",
    idempotent: true,
    input: obj({ job: str("job ID or pollUrl", { maxLength: 512 }), maxWaitSeconds: int(undefined, { minimum: 1, maximum: 3600 }) }, [
      "job",
    ]),
    output: out({ jobId: str(), status: str(), progress: int(), result: {} }, ["jobId", "status"]),
    async run(args, { hostup, signal, progress }) {
      // Progress must only grow (the specification): a state without a figure repeats the last one.
      let reported = 0;
      const onProgress = (state: { jobId: string; status: string; progress: number | undefined }) => {
        const done = state.status === "completed" ? 100 : Math.max(reported, state.progress ?? reported);
        if (done > reported || done === 0) void progress(done, 100, `${state.jobId}: ${state.status}`);
        reported = done;
      };
      try {
        const state = await hostup.waitForJob(args.job as string, {
          signal,
          maxWaitMs: ((args.maxWaitSeconds as number | undefined) ?? DEFAULT_WAIT_SECONDS) * 1000,
          onProgress,
        });
        return {
          data: {
            jobId: state.jobId,
            status: state.status,
            ...(state.progress !== undefined && { progress: state.progress }),
            result: state.result ?? null,
          },
          text: `${state.jobId}: ${state.status}`,
        };
      } catch (error) {
        if (!(error instanceof HostupJobTimeoutError)) throw error;
        const last = error.lastState;
        return {
          data: {
            jobId: error.jobId,
            status: last?.status ?? "running",
            ...(last?.progress !== undefined && { progress: last.progress }),
            result: null,
          },
          text: `${error.jobId}: still ${last?.status ?? "running"} after ${Math.round(error.waitedMs / 1000)} s: call wait_for_job again.`,
        };
      }
    },
  },
];
