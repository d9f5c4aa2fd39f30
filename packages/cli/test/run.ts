import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";
import type {} from "@hostup/mock/vitest-global-setup";

const BIN = fileURLToPath(new URL("../bin/hostup.js", import.meta.url));
export const API_KEY = "hk_cli_test_key_0123456789";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `hostup` binary, as a user would, against the mock unless `baseUrl` says otherwise. */
export function hostup(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          HOSTUP_CONFIG: "/nonexistent/hostup-config.json",
          HOSTUP_API_KEY: API_KEY,
          HOSTUP_BASE_URL: inject("HOSTUP_MOCK_URL"),
          ...env,
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
