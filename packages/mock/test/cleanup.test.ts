// A process that uses the mock and goes away without close() must take Prism with it. Runs the
// built package in a child Node process, since it is that process's exit that is under test.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { eventually, groupIsRunning, isRunning, tryConnect } from "./helpers.js";

const DIST = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const SPEC = fileURLToPath(new URL("fixtures/pets.openapi.yaml", import.meta.url));

/** Starts a mock in a child process; resolves once it printed Prism's pid and port. */
async function childWithMock(afterStart: "return" | "stay") {
  const script = `
    const { startMockServer } = await import(${JSON.stringify(DIST)});
    const server = await startMockServer({ spec: ${JSON.stringify(SPEC)} });
    console.log(JSON.stringify({ pid: server.pid, port: server.port }));
    ${afterStart === "stay" ? "setInterval(() => {}, 1000);" : ""}`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => (out += s));
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  await eventually(() => out.includes("\n") || child.exitCode !== null, 60_000);
  if (!out.includes("\n")) throw new Error(`the child did not start a mock (exit code ${child.exitCode})`);
  const prism = JSON.parse(out) as { pid: number; port: number };
  return { child, prism, exited };
}

async function expectPrismGone(prism: { pid: number; port: number }): Promise<void> {
  try {
    // Prism outlives its parent by a moment (it is re-parented and reaped by init): poll
    expect(await eventually(() => !isRunning(prism.pid) && !groupIsRunning(prism.pid)), `Prism (pid ${prism.pid}) still runs`).toBe(true);
    expect(await tryConnect("127.0.0.1", prism.port)).toBe("refused");
  } finally {
    // a failed test must not leave the server it found running
    if (process.platform !== "win32" && groupIsRunning(prism.pid)) process.kill(-prism.pid, "SIGKILL");
  }
}

describe("a process that never calls close()", () => {
  test("ending normally kills its Prism", async () => {
    const { prism, exited } = await childWithMock("return");
    expect(isRunning(prism.pid)).toBe(true);
    expect(await exited).toEqual([0, null]); // the server does not hold the event loop open
    await expectPrismGone(prism);
  });

  test("SIGTERM with no handler of its own kills its Prism, and the process still dies by that signal", async () => {
    const { child, prism, exited } = await childWithMock("stay");
    expect(isRunning(prism.pid)).toBe(true);
    child.kill("SIGTERM");
    expect(await exited).toEqual([null, "SIGTERM"]);
    await expectPrismGone(prism);
  });
});
