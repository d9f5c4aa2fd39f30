#!/usr/bin/env node
// Runs the SDK's smoke checks (smoke.mjs) in one runtime against a local server (server.mjs), and
// checks what the runtime's output streams and the server saw:
//
//   node scripts/compat-smoke/drive.mjs node|bun|deno|workerd <path of the runtime's binary>
//
// Run with the workspace's Node (>= 20), after `turbo run build` (the SDK's dist/ is what runs). Two
// runs per runtime:
//   1. plain: no debug output anywhere. Deno runs without --allow-env (and with HOSTUP_DEBUG=1 in
//      its environment, which it may not read): reading the environment must not throw.
//   2. debug: HOSTUP_DEBUG=1 (Deno: --allow-env=HOSTUP_DEBUG; workerd, which has no environment:
//      the `debug` option): one `[hostup] …` line per request on stderr, none on stdout.
// Every request the server saw must carry the SDK's User-Agent naming this runtime, followed by the
// smoke's own product token. Prints one line per check; exits 1 if any failed.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./server.mjs";
import { APP_TOKEN, DOMAIN_ID, MISSING_ID, STALLED_ID } from "./smoke.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const [runtime, bin, sdkOption] = process.argv.slice(2);
// Another build of the package can be given (`--sdk=<dir>`), e.g. to see what an older one did.
const sdkDir = sdkOption?.startsWith("--sdk=") ? sdkOption.slice(6) : join(root, "packages", "sdk");
if (!["node", "bun", "deno", "workerd"].includes(runtime) || !bin) {
  console.error("usage: node scripts/compat-smoke/drive.mjs node|bun|deno|workerd <binary> [--sdk=<package dir>]");
  process.exit(2);
}

const results = [];
const report = (ok, name, detail = "") =>
  results.push(`${ok ? "ok" : "not ok"} - ${runtime}: ${name}${ok || !detail ? "" : `: ${detail}`}`);

/** Runs a process to its end (or `timeoutMs`), collecting its output. */
function run(command, args, { cwd, env, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => (stderr += String(error)));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, stdout, stderr });
    });
  });
}

const sdkVersion = JSON.parse(readFileSync(join(sdkDir, "package.json"), "utf8")).version;
const literal = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** What the runtime calls itself in the User-Agent's comment (user-agent.ts), as a pattern. */
async function runtimeComment() {
  if (runtime === "workerd") return "Cloudflare-Workers";
  if (runtime === "node") return `node ${literal((await run(bin, ["-p", "process.versions.node"])).stdout.trim())}`;
  if (runtime === "bun") return `Bun\\/${literal((await run(bin, ["--version"])).stdout.trim())}`;
  const version = /^deno (\S+)/.exec((await run(bin, ["--version"])).stdout)?.[1];
  return `Deno\\/${literal(version ?? "?")}`;
}

// A directory where `@hostup/sdk` resolves to the workspace's package, through its package.json.
const work = join(root, ".tools", "compat-smoke", runtime);
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, "node_modules", "@hostup"), { recursive: true });
symlinkSync(sdkDir, join(work, "node_modules", "@hostup", "sdk"), "dir");
writeFileSync(join(work, "package.json"), '{ "name": "hostup-compat-smoke", "private": true, "type": "module" }\n');
for (const file of ["entry.mjs", "smoke.mjs", "worker.mjs"]) copyFileSync(join(here, file), join(work, file));

const pattern = `hostup-sdk-typescript\\/${literal(sdkVersion)} \\(${await runtimeComment()}\\)`;
const expectedAgent = new RegExp(`^${pattern} ${literal(APP_TOKEN)}$`);
const server = await startServer();
const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" };

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** One run of the checks: `{ code, stdout, stderr, lines }` (`lines`: the checks' result lines). */
async function smokeRun(debug) {
  if (runtime !== "workerd") {
    const env = { ...baseEnv, ...(debug || runtime === "deno" ? { HOSTUP_DEBUG: "1" } : {}) };
    const args =
      runtime === "deno"
        ? ["run", "--no-prompt", "--no-lock", "--allow-net=127.0.0.1", ...(debug ? ["--allow-env=HOSTUP_DEBUG"] : []), "entry.mjs"]
        : ["entry.mjs"];
    const result = await run(bin, [...args, server.url, pattern], { cwd: work, env });
    return { ...result, lines: result.stdout };
  }
  // workerd: the Worker bundled as wrangler would (one file; the SDK's lazy parts inlined), served
  // on a free port, asked over HTTP, then stopped.
  const esbuild = createRequire(createRequire(join(sdkDir, "package.json")).resolve("tsup")).resolve("esbuild");
  const { build } = await import(esbuild);
  await build({
    entryPoints: [join(work, "worker.mjs")],
    outfile: join(work, "worker.bundle.mjs"),
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    logLevel: "error",
  });
  const port = await freePort();
  writeFileSync(
    join(work, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .smoke),
    # The smoke server is on 127.0.0.1, which workerd's default outbound network does not reach.
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const smoke :Workerd.Worker = (
  modules = [(name = "worker.mjs", esModule = embed "worker.bundle.mjs")],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
);
`,
  );
  const child = spawn(bin, ["serve", "config.capnp"], { cwd: work, env: baseEnv, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on("close", resolve));
  try {
    const query = new URLSearchParams({ base: server.url, agent: pattern, ...(debug ? { debug: "1" } : {}) });
    let answer;
    for (let tries = 0; !answer; tries++) {
      try {
        answer = await fetch(`http://127.0.0.1:${port}/?${query}`, { signal: AbortSignal.timeout(60_000) });
      } catch (error) {
        if (tries > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100)); // workerd still starting
      }
    }
    const lines = await answer.text();
    await new Promise((resolve) => setTimeout(resolve, 200)); // let workerd's log lines arrive
    return { code: answer.status === 200 ? 0 : answer.status, stdout, stderr, lines };
  } catch (error) {
    return { code: "no answer", stdout, stderr: `${stderr}\n${error}`, lines: "" };
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

const DEBUG_LINE = /^\[hostup\] syncDomainStatus POST \/api\/v2\/domains\/dom_\w+\/actions\/status-sync → 200 in \d+ ms \(attempt 1\/1\)$/m;
const version = await run(bin, ["--version"]);
console.log(`# ${runtime}: ${version.stdout.split("\n")[0].trim()} (${bin})`);

try {
  for (const debug of [false, true]) {
    const name = debug ? "debug run" : "plain run";
    const from = server.requests.length;
    const result = await smokeRun(debug);
    const checks = result.lines.split("\n").filter((line) => /^(not )?ok - /.test(line));
    for (const line of checks) results.push(line.replace(/^(not ok|ok) - /, `$1 - ${runtime} ${name}: `));
    report(
      result.code === 0 && checks.length >= 7 && !checks.some((line) => line.startsWith("not ok")),
      `${name}: exit 0, every check passed`,
      `exit ${result.code}, ${checks.length} checks${checks.length ? "" : `; its output:\n${result.stdout}${result.stderr}`.slice(-3000)}`,
    );
    const seen = server.requests.slice(from);
    const paths = seen.map((request) => `${request.method} ${request.path}`).sort();
    const expectedPaths = [
      `GET /api/dyndns/update`,
      `GET /api/v2/domains/${MISSING_ID}`,
      `GET /api/v2/domains/${STALLED_ID}`,
      `GET /api/v2/domains/${STALLED_ID}`,
      `POST /api/v2/domains/${DOMAIN_ID}/actions/status-sync`,
      // the standalone functions on a core
      `GET /api/v2/domains/${MISSING_ID}`,
      `POST /api/v2/domains/${DOMAIN_ID}/actions/status-sync`,
    ].sort();
    report(
      JSON.stringify(paths) === JSON.stringify(expectedPaths),
      `${name}: the server saw the 7 requests (the bad input sent nothing)`,
      paths.join(", "),
    );
    const agents = [...new Set(seen.map((request) => request.userAgent))];
    report(
      agents.length === 1 && expectedAgent.test(agents[0]),
      `${name}: User-Agent ${JSON.stringify(agents[0])}`,
      `expected /${expectedAgent.source}/, got ${JSON.stringify(agents)}`,
    );
    // workerd writes a Worker's console.warn to its own stderr (console.log and console.debug to stdout).
    const logged = (text) => text.split("\n").filter((line) => line.includes("[hostup]")).length;
    const where = `${logged(result.stdout)} debug lines on stdout, ${logged(result.stderr)} on stderr`;
    if (debug) report(DEBUG_LINE.test(result.stderr) && !logged(result.stdout), `${name}: debug lines on stderr, none on stdout`, where);
    else report(!logged(result.stdout) && !logged(result.stderr), `${name}: no debug output`, where);
  }
} finally {
  await server.close();
}

const failed = results.filter((line) => line.startsWith("not ok")).length;
console.log(results.join("\n"));
console.log(`# ${runtime}: ${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
