// Bulk jobs: wait for one to finish, with progress notifications when the caller asked for them.
import { int, obj, out, str } from "../schema.js";
import type { Tool } from "../tool.js";

export const jobTools: Tool[] = [
  {
    name: "wait_for_job",
    title: "Wait for a job",
    description: "Wait for a bulk job (ID or poll URL) to finish; reports progress while it runs.",
    kind: "read",
    idempotent: true,
    input: obj({ job: str("job ID or pollUrl"), maxWaitSeconds: int("default 300", { minimum: 1, maximum: 3600 }) }, ["job"]),
    output: out({ jobId: str(), status: str(), progress: int(), result: {} }, ["jobId", "status"]),
    async run(args, { hostup, signal, progress }) {
      let reported = -1;
      const state = await hostup.waitForJob(args.job as string, {
        signal,
        ...(args.maxWaitSeconds !== undefined && { maxWaitMs: (args.maxWaitSeconds as number) * 1000 }),
        onProgress(state) {
          const done = state.progress ?? (state.status === "completed" ? 100 : 0);
          if (done === reported) return;
          reported = done;
          void progress(done, 100, `${state.jobId}: ${state.status}`);
        },
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
    },
  },
];
