import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";
import type {} from "@hostup/mock/vitest-global-setup";
import { main } from "../src/cli.js";
import type { Io } from "../src/output.js";

const BIN = fileURLToPath(new URL("../bin/hostup.js", import.meta.url));
export const API_KEY = "hk_cli_test_key_0123456789";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment a run gets: no config file, the test key, the mock; `env` on top (undefined removes a variable). */
function environment(env: Record<string, string | undefined>): Record<string, string> {
  const merged: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HOSTUP_CONFIG: "/nonexistent/hostup-config.json",
    HOSTUP_API_KEY: API_KEY,
    HOSTUP_BASE_URL: inject("HOSTUP_MOCK_URL"),
    ...env,
  };
  return Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** What a test can give the in-process run of its terminal, its signals, the user it runs as and its clock. */
export type TestIo = Pick<Io, "ask" | "onInterrupt" | "isTTY" | "uid" | "clock">;

/**
 * Runs `hostup` in this process through `main(argv, io)`, as the binary does, against the mock unless
 * `baseUrl` says otherwise: output captured, the environment given, no terminal unless `io.ask` is.
 */
export async function hostup(args: string[], env: Record<string, string | undefined> = {}, io: Partial<TestIo> = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    isTTY: false,
    env: environment(env),
    ...io,
  });
  return { code, stdout, stderr };
}

/** Runs the built `hostup` binary, as a user would: for the few tests of the process itself (exit codes, bin/). */
export function hostupBinary(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: environment(env), timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
