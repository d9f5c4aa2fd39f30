#!/usr/bin/env node
// Writes dist/openapi.d.cts, the CommonJS twin of src/generated/openapi.d.ts. The package is ESM
// ("type": "module"), so the generated .d.ts is an ES module to TypeScript; a CommonJS consumer
// (moduleResolution node16/nodenext, and @hostup/sdk's own index.d.cts) resolves the `require`
// condition of the exports map to this copy instead. The declarations have no imports, so the same
// text is valid in both formats.
import { copyFile, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const source = fileURLToPath(new URL("../src/generated/openapi.d.ts", import.meta.url));
const target = fileURLToPath(new URL("../dist/openapi.d.cts", import.meta.url));

await mkdir(fileURLToPath(new URL("../dist/", import.meta.url)), { recursive: true });
await copyFile(source, target);
console.log(`wrote ${target.replace(`${process.cwd()}/`, "")}`);
