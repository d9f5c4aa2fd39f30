// A zone kept as code from a Node program: read an octoDNS (or BIND) zone file, plan the changes that
// make the live zone match it, print the plan as Markdown (a pull-request comment), and apply it.
// Run: HOSTUP_API_KEY=… npx tsx dns-as-code.ts zones/example.com.yaml [--apply]
import { readFileSync } from "node:fs";
import { applyPlan, planMarkdown, planZone, readLiveZone, readZoneFile, ZoneFileError } from "@hostup/dns";
import { createHostupClient } from "@hostup/sdk";

const [path = "zones/example.com.yaml", flag] = process.argv.slice(2);
const hostup = createHostupClient({ apiKey: process.env.HOSTUP_API_KEY ?? "", baseUrl: process.env.HOSTUP_BASE_URL });

try {
  // Every problem of the file at once, each with its line; nothing has been sent yet.
  const file = readZoneFile(readFileSync(path, "utf8"), { file: path });
  const zone = await hostup.findDnsZoneByName(file.origin ?? "example.com");
  const plan = planZone(file, await readLiveZone(hostup, zone.id));
  console.log(planMarkdown(plan));

  if (flag === "--apply" && plan.changes.length > 0) {
    const result = await applyPlan(hostup, plan, {
      onEvent: (event) =>
        event.type === "applied" && console.log(`applied ${event.change.action} ${event.change.type} ${event.change.name}`),
    });
    console.log(
      result.failed ? `stopped: ${result.failed.outcome} (${String(result.failed.error)})` : `${result.applied.length} changes applied`,
    );
  }
} catch (error) {
  if (!(error instanceof ZoneFileError)) throw error;
  for (const problem of error.problems) console.error(`${problem.source?.line ?? "?"}: ${problem.message}`);
  process.exitCode = 2;
}
