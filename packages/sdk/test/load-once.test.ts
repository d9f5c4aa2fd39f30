import { expect, test } from "vitest";
import { loadOnce } from "../src/eager/load-once.js";
import { HostupError } from "../src/index.js";

test("loads once, keeps the module, and hands it out at once afterwards", async () => {
  let loads = 0;
  const load = loadOnce(async () => ({ n: ++loads }));
  expect(load.loaded).toBeUndefined();
  const [a, b] = await Promise.all([load(), load()]);
  expect(a).toBe(b);
  expect(load.loaded).toBe(a);
  expect(loads).toBe(1);
});

test("a failed load is a HostupError with the loader's error as cause, and the next use tries again", async () => {
  const chunkGone = new TypeError("Failed to fetch dynamically imported module: https://app.example/operations-ABC.js");
  let attempts = 0;
  const load = loadOnce(async () => {
    if (++attempts === 1) throw chunkGone;
    return { ok: true };
  });
  const error = await load().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HostupError);
  expect((error as HostupError).message).toBe(
    "The SDK could not load a part it needs (Failed to fetch dynamically imported module: https://app.example/operations-ABC.js); the next call tries again.",
  );
  expect((error as HostupError).cause).toBe(chunkGone);
  expect(load.loaded).toBeUndefined();
  await expect(load()).resolves.toEqual({ ok: true });
  expect(attempts).toBe(2);
});
