import { expect, inject, test } from "vitest";
import type {} from "@hostup/mock/vitest-global-setup";
import { main } from "../src/cli.js";

function memoryIo(isTTY: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: (t: string) => void out.push(t),
      stderr: (t: string) => void err.push(t),
      isTTY,
      env: { HOSTUP_API_KEY: "hk_progress_test_key", HOSTUP_BASE_URL: inject("HOSTUP_MOCK_URL"), HOSTUP_CONFIG: "/nonexistent" },
    },
    out,
    err,
  };
}

test("bulk-sync --wait draws a progress bar on a terminal", async () => {
  const { io, out, err } = memoryIo(true);
  const code = await main(["domains", "bulk-sync", "dom_01hxa3b4c5d6e7f8g9h0j1k2m3", "--wait"], io);
  expect(code).toBe(0);
  expect(err.join("")).toMatch(/\rsyncing \[-{24}\] 0\/1/);
  expect(err.join("")).toMatch(/\rsyncing \[#{24}\] 1\/1/);
  expect(out.join("")).toContain("queued 1, refused 0, failed 0");
});

test("…and stays quiet when stderr is not a terminal", async () => {
  const { io, err } = memoryIo(false);
  expect(await main(["domains", "bulk-sync", "dom_01hxa3b4c5d6e7f8g9h0j1k2m3", "--wait"], io)).toBe(0);
  expect(err.join("")).toBe("");
});
