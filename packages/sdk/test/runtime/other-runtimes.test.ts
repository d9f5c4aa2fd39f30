// What the SDK reads of the runtime it runs in, with that runtime's globals stubbed in Node: the
// User-Agent it sends (naming Bun, Deno, workerd or Node, and nothing of its own in a browser or a
// browser's worker), and the environment (HOSTUP_DEBUG) where reading it throws, as Deno's
// `process.env` does without `--allow-env`. `bash scripts/compat bun deno workerd` runs the built
// SDK in the real runtimes (scripts/compat-smoke/).
//
// The stubs are in place only while the client is created (or updateDynDns called), synchronously:
// the SDK reads both then, and nothing else in this process runs in between.
import { describe, expect, vi } from "vitest";
import packageJson from "../../package.json" with { type: "json" };
import { createHostupClient, updateDynDns } from "../../src/index.js";
import { API_KEY, DOMAIN_ID, failOnUnhandledRejections, SYNC_PATH, SYNC_RESULT, TOKEN, test } from "./helpers.js";

failOnUnhandledRejections();

const SDK = `hostup-sdk-typescript/${packageJson.version}`;
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";
const ok = { status: 200, json: SYNC_RESULT };

/**
 * Runs `run` with the given globals replaced (`undefined`: absent), restoring them after; what Node
 * itself defines (`process`, from Node 21 `navigator`) is removed unless the runtime has it too.
 */
function inRuntime<T>(globals: Record<string, unknown>, run: () => T): T {
  const global = globalThis as Record<string, unknown>;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  for (const [name, value] of Object.entries({ process: undefined, navigator: undefined, ...globals })) {
    saved.set(name, Object.getOwnPropertyDescriptor(global, name));
    if (value === undefined) delete global[name];
    else Object.defineProperty(global, name, { value, configurable: true, writable: true });
  }
  try {
    return run();
  } finally {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(global, name, descriptor);
      else delete global[name];
    }
  }
}

/** Deno's `process.env` without `--allow-env`: every read throws. */
const deniedEnv = new Proxy(
  {},
  {
    get(_target, name) {
      throw Object.assign(new Error(`Requires env access to "${String(name)}", run again with the --allow-env flag`), {
        name: "NotCapable",
      });
    },
    has() {
      throw Object.assign(new Error("Requires env access, run again with the --allow-env flag"), { name: "NotCapable" });
    },
  },
);

const RUNTIMES = {
  node: { process: { versions: { node: "20.20.2" }, env: {} } },
  // From Node 21, navigator.userAgent names Node with its major version only.
  node22: { process: { versions: { node: "22.21.1" }, env: {} }, navigator: { userAgent: "Node.js/22" } },
  // A DOM polyfilled into a server runtime (jsdom's window aside, which says Mozilla/) is no browser.
  nodeWithDocument: { process: { versions: { node: "20.20.2" }, env: {} }, document: {} },
  // Bun and Deno report a Node version for compatibility; navigator.userAgent names them. (Their
  // `Bun` and `Deno` globals are left alone: the SDK reads neither, and Bun's cannot be replaced.)
  bun: { process: { versions: { node: "26.3.0", bun: "1.3.5" }, env: {} }, navigator: { userAgent: "Bun/1.3.5" } },
  deno: { process: { versions: { node: "26.3.0" }, env: deniedEnv }, navigator: { userAgent: "Deno/2.5.6" } },
  // workerd has no `process` (unless nodejs_compat, which reports a Node version) and says who it is in navigator.
  workerd: { navigator: { userAgent: "Cloudflare-Workers" } },
  workerdWithNodeCompat: { navigator: { userAgent: "Cloudflare-Workers" }, process: { versions: { node: "22.14.0" }, env: {} } },
  // A runtime the SDK does not know: no process, no navigator, no document.
  unknown: {},
  browser: { document: {}, navigator: { userAgent: CHROME } },
  browserWorker: { navigator: { userAgent: CHROME } },
} satisfies Record<string, Record<string, unknown>>;

describe("the User-Agent names the runtime; in a browser the SDK sends none of its own (no CORS preflight)", () => {
  test.for([
    ["node", `${SDK} (node 20.20.2)`],
    ["node22", `${SDK} (node 22.21.1)`],
    ["bun", `${SDK} (Bun/1.3.5)`],
    ["deno", `${SDK} (Deno/2.5.6)`],
    ["workerd", `${SDK} (Cloudflare-Workers)`],
    ["workerdWithNodeCompat", `${SDK} (Cloudflare-Workers)`],
    ["unknown", SDK],
    ["nodeWithDocument", `${SDK} (node 20.20.2)`],
    ["browser", null],
    ["browserWorker", null],
  ] as const)("%s: %s", async ([runtime, expected], { api }) => {
    api.script([ok, ok]);
    const options = { apiKey: API_KEY, baseUrl: api.url, fetch: api.fetch };
    const plain = inRuntime(RUNTIMES[runtime], () => createHostupClient(options));
    const withApp = inRuntime(RUNTIMES[runtime], () => createHostupClient({ ...options, userAgent: "my-app/2" }));
    await plain.syncDomainStatus(DOMAIN_ID);
    await withApp.syncDomainStatus(DOMAIN_ID);

    expect(api.requests.map((r) => r.headers.get("user-agent"))).toEqual([expected, expected ? `${expected} my-app/2` : "my-app/2"]);
  });

  test.for([
    ["bun", `${SDK} (Bun/1.3.5)`],
    ["deno", `${SDK} (Deno/2.5.6)`],
    ["workerd", `${SDK} (Cloudflare-Workers)`],
    ["unknown", SDK],
  ] as const)("%s: updateDynDns sends %s too", async ([runtime, expected], { api }) => {
    api.script([{ status: 200, headers: { "content-type": "text/plain" }, text: "good 203.0.113.7" }]);
    const pending = inRuntime(RUNTIMES[runtime], () =>
      updateDynDns({ hostname: "home.example.com", token: TOKEN }, { baseUrl: api.url, fetch: api.fetch }),
    );
    await expect(pending).resolves.toEqual({ status: "good", ip: "203.0.113.7" });
    expect(api.requests[0]!.headers.get("user-agent")).toBe(expected);
  });
});

describe("reading the environment never throws (Deno without --allow-env)", () => {
  test("createHostupClient works, without debug logging, and the call is sent", async ({ api }) => {
    const lines = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      api.script([ok]);
      const hostup = inRuntime(RUNTIMES.deno, () => createHostupClient({ apiKey: API_KEY, baseUrl: api.url, fetch: api.fetch }));
      await expect(hostup.syncDomainStatus(DOMAIN_ID)).resolves.toEqual(SYNC_RESULT);
      expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${SYNC_PATH}`]);
      expect(lines).not.toHaveBeenCalled();
    } finally {
      lines.mockRestore();
    }
  });

  test("the standalone updateDynDns works", async ({ api }) => {
    api.script([{ status: 200, headers: { "content-type": "text/plain" }, text: "nochg 203.0.113.7" }]);
    const pending = inRuntime(RUNTIMES.deno, () =>
      updateDynDns({ hostname: "home.example.com", token: TOKEN }, { baseUrl: api.url, fetch: api.fetch }),
    );
    await expect(pending).resolves.toEqual({ status: "nochg", ip: "203.0.113.7" });
  });

  test("a `process.env` getter that throws, or an env without HOSTUP_DEBUG, is no debug", async ({ api }) => {
    api.script([ok, ok]);
    const throwing = {
      get env(): never {
        throw new Error("no environment here");
      },
      versions: { node: "20.20.2" },
    };
    const options = { apiKey: API_KEY, baseUrl: api.url, fetch: api.fetch };
    await inRuntime({ process: throwing }, () => createHostupClient(options)).syncDomainStatus(DOMAIN_ID);
    await inRuntime({ process: { versions: {} } }, () => createHostupClient(options)).syncDomainStatus(DOMAIN_ID);
    expect(api.requests).toHaveLength(2);
  });
});
