// Vitest global setup: make sure Debian's Chromium is installed before any test launches it
// (`scripts/ensure-chromium` is a quick no-op when /usr/bin/chromium is there).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const script = fileURLToPath(new URL("../../../scripts/ensure-chromium", import.meta.url));
  execFileSync("bash", [script], { stdio: "inherit" });
}
