// The built package (dist/) as apps load it: ESM and CJS are separate copies of the code, and the
// standalone functions live in an entry of their own (`@hostup/sdk/operations`). A function must work
// on a core made by either copy, and its errors must be the classes of the copy that made the core,
// so that `instanceof` holds for an app that `require`s one entry and `import`s the other.
import { createRequire } from "node:module";
import { describe, expect, test } from "vitest";

const require = createRequire(import.meta.url);
type Sdk = typeof import("../src/index.js");
type Operations = typeof import("../src/operations.js");

const ID = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";
const notFound = async () =>
  Response.json(
    { type: "about:blank", title: "Not Found", status: 404 },
    { status: 404, headers: { "content-type": "application/problem+json" } },
  );
const options = { apiKey: "hk_test_dual_0001", baseUrl: "http://127.0.0.1:9", fetch: notFound };

describe("dist: ESM and CJS copies", async () => {
  const esm = (await import("../dist/index.js")) as unknown as Sdk;
  const esmOperations = (await import("../dist/operations.js")) as unknown as Operations;
  const cjs = require("../dist/index.cjs") as Sdk;
  const cjsOperations = require("../dist/operations.cjs") as Operations;

  test.for([
    ["ESM core, ESM function", esm, esmOperations],
    ["CJS core, CJS function", cjs, cjsOperations],
    ["CJS core, ESM function", cjs, esmOperations],
    ["ESM core, CJS function", esm, cjsOperations],
  ] as const)("%s: the error is the core's own class", async ([, sdk, operations]) => {
    const error = await operations.getDomain(sdk.createHostupCore(options), ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.HostupNotFoundError);
    expect(error).toBeInstanceOf(sdk.HostupError);
  });

  test("the function entries carry no transport: the CJS one is a fraction of the client's", async () => {
    const { statSync } = await import("node:fs");
    const size = (file: string) => statSync(new URL(`../dist/${file}`, import.meta.url)).size;
    expect(size("operations.cjs") * 4).toBeLessThan(size("index.cjs"));
  });
});
