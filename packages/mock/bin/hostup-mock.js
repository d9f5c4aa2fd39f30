#!/usr/bin/env node
// Stable bin entry (exists before the package is built, so installs don't warn).
import "../dist/cli.js";
