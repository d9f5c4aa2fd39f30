#!/usr/bin/env node
// The breaking-change check lives in tools/check-breaking (@hostup/check-breaking); `--help` lists its rules.
import "../tools/check-breaking/bin/check-breaking.mjs";
