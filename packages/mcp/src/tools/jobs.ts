// Bulk jobs: wait for one to finish, with progress notifications when the caller asked for them.
import { HostupJobTimeoutError } from "@hostup/sdk";
import { int, obj, out, str } from "../schema.js";
import type { Tool, ToolContext } from "../tool.js";

/** Under the 60 s an MCP client waits for a call by default: a longer job is "still running, call again". */
const DEFAULT_WAIT_SECONDS = 50;

/**
 * What wait_for_job reports of each state read: a progress notification only when the figure grows (the
 * specification asks that progress increase; a state without a figure, or a lower one, repeats nothing),
 * 100 once the job completes.
 */
export function progressReporter(
  send: ToolContext["progress"],
): (state: { jobId: string; status: string; progress: number | undefined }) => void {
  let reported: number | undefined;
  return (state) => {
    const figure = state.status === "completed" ? 100 : state.progress;
    if (figure === undefined || (reported !== undefined && figure <= reported)) return;
    reported = figure;
    void send(figure, 100, `${state.jobId}: ${state.status}`);
  };
}

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
      const onProgress = progressReporter(progress);
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
