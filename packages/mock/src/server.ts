import { launch, StartupError } from "./launch.js";
import { resolvePrismBin, resolveSpec } from "./locate.js";
import { DEFAULT_HOST, getFreePort } from "./ports.js";
import type { MockServer, MockServerOptions } from "./types.js";

export { resolveDefaultSpec, resolvePrismBin } from "./locate.js";
export { getFreePort } from "./ports.js";
export type { MockServer, MockServerOptions } from "./types.js";

const MAX_PORT_ATTEMPTS = 5;

/** Start a Prism mock server; resolves once it answers HTTP requests. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? DEFAULT_HOST;
  const spec = resolveSpec(options.spec);
  const prismBin = resolvePrismBin();

  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await getFreePort(host));
    try {
      return await launch({ ...options, host, spec, port, prismBin });
    } catch (err) {
      // an auto-picked port can be taken between probing and Prism binding it: try another
      if (err instanceof StartupError && err.addressInUse && options.port === undefined && attempt < MAX_PORT_ATTEMPTS) {
        continue;
      }
      throw err;
    }
  }
}
