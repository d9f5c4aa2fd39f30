#!/usr/bin/env node
// check-breaking: the bundled spec against the last released one (`--help` lists the rules).
import { main, UsageError } from "../src/index.js";

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`check-breaking: ${error.message}\n`);
  process.exitCode = 2;
}
