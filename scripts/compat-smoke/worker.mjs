// The smoke checks' entry for workerd: a Worker whose `fetch` runs them. drive.mjs bundles it with
// the SDK (esbuild, with wrangler's conditions `workerd`, `worker`, `browser`) and asks
// `/?base=<server URL>&agent=<expected User-Agent pattern>&debug=1`; the answer is the result lines,
// with status 500 if any failed. workerd has no `process` and no environment: debug logging is
// switched on with the `debug` option.
import * as sdk from "@hostup/sdk";
import * as operations from "@hostup/sdk/operations";
import { smoke } from "./smoke.mjs";

export default {
  async fetch(request) {
    const query = new URL(request.url).searchParams;
    const { lines, failed } = await smoke(sdk, operations, {
      baseUrl: query.get("base"),
      userAgent: query.get("agent"),
      debug: query.get("debug") === "1",
    });
    const text = `${lines.join("\n")}\n# ${lines.length - failed} passed, ${failed} failed\n`;
    return new Response(text, { status: failed ? 500 : 200, headers: { "content-type": "text/plain" } });
  },
};
