// How the CLI identifies itself: `hostup --version`, and the User-Agent of its requests (the SDK's,
// followed by the CLI's product token), observed on a local server the binary talks to.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "vitest";
import packageJson from "../package.json" with { type: "json" };
import sdkPackageJson from "../../sdk/package.json" with { type: "json" };
import { hostup } from "./run.js";

test("--version prints the package's version", async () => {
  const run = await hostup(["--version"]);
  expect(run.code).toBe(0);
  expect(run.stdout.trim()).toBe(packageJson.version);
});

test("requests carry the SDK's User-Agent followed by hostup-cli/<version>", async () => {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ data: [], nextCursor: null, hasMore: false }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const run = await hostup(["--json", "domains", "list"], { HOSTUP_BASE_URL: `http://127.0.0.1:${port}` });
    expect(run.code, run.stderr).toBe(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]!["user-agent"]).toBe(
      `hostup-sdk-typescript/${sdkPackageJson.version} (node ${process.versions.node}) hostup-cli/${packageJson.version}`,
    );
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
