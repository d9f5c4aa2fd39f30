/**
 * TypeScript consumers of the installed packages, compiled by the TypeScript installed in the
 * consumer project, with skipLibCheck off. Each file calls typed methods and has `@ts-expect-error`
 * lines on wrong calls, so types that went missing (or became `any`) fail the compile.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { DOMAIN_ID } from "./support/packages.js";
import { run } from "./support/process.js";

const consumer = inject("consumer");

const IS_ANY = `type IsAny<T> = 0 extends 1 & T ? true : false;\n`;

/** Uses @hostup/sdk (and, with `withMock`, @hostup/mock) and @hostup/types. */
function sdkConsumer(withMock: boolean): string {
  return `${IS_ANY}
import { createHostupClient, HostupApiError, type HostupClient } from "@hostup/sdk";
${withMock ? `import { startMockServer, type MockServer } from "@hostup/mock";\n` : ""}import type { components } from "@hostup/types";

export async function main(baseUrl: string): Promise<string> {
${withMock ? `  const mock: MockServer = await startMockServer({ errors: true });\n  baseUrl = mock.url;\n  const pid: number = mock.pid;\n  // @ts-expect-error the port is a number\n  const port: string = mock.port;\n  void pid, port;\n` : ""}  const hostup: HostupClient = createHostupClient({ apiKey: "test-key", baseUrl });
  const result = await hostup.syncDomainStatus(${JSON.stringify(DOMAIN_ID)});
  const notAny: IsAny<typeof result> = false;
  const status: components["schemas"]["DomainServiceStatus"] = result.newStatus;
  const changed: boolean = result.statusChanged;
  // @ts-expect-error the domain ID is a string
  await hostup.syncDomainStatus(42);
  // @ts-expect-error not a field of the sync result
  void result.notAField;
  // @ts-expect-error newStatus is a status, not a number
  const wrong: number = result.newStatus;
  // @ts-expect-error recordType is an enum
  await hostup.createDynDnsConfig(${JSON.stringify(DOMAIN_ID)}, { hostname: "home.example.com", recordType: "MX" });
  // @ts-expect-error apiKey is required
  createHostupClient({ baseUrl });
  try {
    await hostup.getDomain(${JSON.stringify(DOMAIN_ID)}, { headers: { Prefer: "code=404" } });
  } catch (error) {
    if (error instanceof HostupApiError) {
      const httpStatus: number = error.status;
      // @ts-expect-error status is a number
      const text: string = error.status;
      void httpStatus, text;
    }
  }
  void notAny, changed, wrong;
  return \`\${result.name}: \${status}\`;
}
`;
}

/** Uses @hostup/types alone. */
const typesConsumer = `${IS_ANY}
import type { components, operations, paths } from "@hostup/types";

type SyncResult = components["schemas"]["DomainStatusSyncResult"];
type GetDomain = paths["/api/v2/domains/{id}"]["get"];
type DomainPathParams = operations["getDomain"]["parameters"]["path"];

export const notAny: [IsAny<SyncResult>, IsAny<GetDomain>, IsAny<DomainPathParams>] = [false, false, false];
export const status: SyncResult["newStatus"] = "active";
export const params: DomainPathParams = { id: ${JSON.stringify(DOMAIN_ID)} };
// @ts-expect-error not a status the spec defines
export const badStatus: SyncResult["newStatus"] = "on-fire";
// @ts-expect-error not a path of the API
export type NoSuchPath = paths["/api/v2/no-such-path"];
`;

interface Mode {
  name: string;
  compilerOptions: Record<string, unknown>;
  /** file name -> which @hostup/sdk declaration file it must resolve to */
  files: Record<string, string>;
}

const NODE = { lib: ["ES2022"], types: ["node"] };

const sdkModes: Mode[] = [
  {
    name: "node16 (ESM .mts and CommonJS .cts)",
    compilerOptions: { module: "node16", moduleResolution: "node16", ...NODE },
    files: { "node16.mts": "dist/index.d.ts", "node16.cts": "dist/index.d.cts" },
  },
  {
    name: "nodenext (ESM .mts and CommonJS .cts)",
    compilerOptions: { module: "nodenext", moduleResolution: "nodenext", ...NODE },
    files: { "nodenext.mts": "dist/index.d.ts", "nodenext.cts": "dist/index.d.cts" },
  },
  {
    name: "bundler (module esnext)",
    compilerOptions: { module: "esnext", moduleResolution: "bundler", ...NODE },
    files: { "bundler.ts": "dist/index.d.ts" },
  },
];

async function tsc(
  dir: string,
  name: string,
  compilerOptions: Record<string, unknown>,
  files: string[],
): Promise<{ output: string; listed: string[] }> {
  const tsconfig = path.join(dir, `tsconfig.${name}.json`);
  await writeFile(
    tsconfig,
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          noUnusedLocals: false,
          ...compilerOptions,
        },
        files,
      },
      null,
      2,
    ),
  );
  const tscBin = path.join(consumer.dir, "node_modules/typescript/bin/tsc");
  const { code, stdout, stderr } = await run(process.execPath, [tscBin, "-p", tsconfig, "--pretty", "false", "--listFiles"], {
    cwd: dir,
    timeoutMs: 90_000,
    check: false,
  });
  const lines = stdout.split("\n").filter(Boolean);
  const diagnostics = lines.filter((l) => !l.startsWith("/")).join("\n") + stderr;
  expect(diagnostics, `tsc -p ${tsconfig}`).toBe("");
  expect(code).toBe(0);
  return { output: diagnostics, listed: lines.filter((l) => l.startsWith("/")) };
}

describe("TypeScript consumers (skipLibCheck: false)", () => {
  it.concurrent.each(sdkModes)("$name: @hostup/sdk + @hostup/mock + @hostup/types compile", async (mode) => {
    const names = Object.keys(mode.files);
    for (const file of names) await writeFile(path.join(consumer.dir, file), sdkConsumer(true));
    const { listed } = await tsc(consumer.dir, mode.name.split(" ")[0]!, mode.compilerOptions, names);
    // every declaration file came from the consumer's node_modules, for the right module format: the
    // entries' own, and the chunks they share with the `./operations` entry (tsup's `name-HASH.d.ts`)
    const sdkDir = path.join(consumer.dir, "node_modules/@hostup/sdk");
    const sdkDecls = listed.filter((f) => f.includes("/node_modules/@hostup/sdk/"));
    const entries = [...new Set(Object.values(mode.files))].map((f) => path.join(sdkDir, f));
    expect(sdkDecls).toEqual(expect.arrayContaining(entries));
    const formats = new Set(entries.map((f) => /\.d\.c?ts$/.exec(f)![0]));
    for (const file of sdkDecls.filter((f) => !entries.includes(f))) {
      expect(file, "a shared declaration chunk of the entries' format").toMatch(/\/dist\/[a-z-]+-[A-Za-z0-9_-]{8}\.d\.c?ts$/);
      expect(formats.has(/\.d\.c?ts$/.exec(file)![0]), file).toBe(true);
    }
    for (const f of listed) expect(f.startsWith(consumer.dir + path.sep) || f.includes("/typescript/lib/"), f).toBe(true);
    expect(listed).toContain(path.join(consumer.dir, "node_modules/@hostup/types/src/generated/openapi.d.ts"));
  });

  it.concurrent("bundler, browser-style (DOM lib, no @types/node): @hostup/sdk + @hostup/types compile", async () => {
    await writeFile(path.join(consumer.dir, "browser.ts"), sdkConsumer(false));
    const { listed } = await tsc(
      consumer.dir,
      "browser",
      { module: "esnext", moduleResolution: "bundler", lib: ["ES2022", "DOM"], types: [] },
      ["browser.ts"],
    );
    expect(listed.filter((f) => f.includes("/@types/node/"))).toEqual([]);
  });

  it.concurrent("@hostup/types alone (its own project): paths/components/operations resolve in every mode", async () => {
    const dir = consumer.typesOnlyDir;
    const files = { "types.mts": typesConsumer, "types.cts": typesConsumer, "types.ts": typesConsumer };
    for (const [file, source] of Object.entries(files)) await writeFile(path.join(dir, file), source);
    const common = { lib: ["ES2022"], types: [] };
    await tsc(dir, "node16", { module: "node16", moduleResolution: "node16", ...common }, ["types.mts", "types.cts"]);
    await tsc(dir, "nodenext", { module: "nodenext", moduleResolution: "nodenext", ...common }, ["types.mts", "types.cts"]);
    const { listed } = await tsc(dir, "bundler", { module: "esnext", moduleResolution: "bundler", ...common }, ["types.ts"]);
    expect(listed).toContain(path.join(dir, "node_modules/@hostup/types/src/generated/openapi.d.ts"));
  });
});
