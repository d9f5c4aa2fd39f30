// Reading the two specs, and `$ref` resolution that names the file a broken reference is in.
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { derefWithPointer, refTarget, SpecRefError } from "@hostup/openapi/walk";
import { UsageError } from "./usage-error.js";

/** @import { Side, SpecNode } from "./types.js" */

/**
 * A spec file's JSON; a missing or unreadable file is a usage error.
 * @param {string} file
 * @param {string} what how the report names it ("current bundle")
 * @param {string} hint what to do when it is missing
 * @returns {SpecNode}
 */
export function loadSpec(file, what, hint) {
  if (!existsSync(file)) throw new UsageError(`${what} not found: ${display(file)}. ${hint}`);
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`${what} is not valid JSON: ${display(file)} (${/** @type {Error} */ (error).message})`);
  }
}

/**
 * A file as the reports show it: relative to the working directory when it is inside it.
 * @param {string} file
 */
export function display(file) {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") ? rel : file;
}

/**
 * One side of the comparison.
 * @param {Side["name"]} name
 * @param {string} file
 * @param {SpecNode} doc
 * @returns {Side}
 */
export function makeSide(name, file, doc) {
  return {
    name,
    file,
    doc,
    deref: (node, ptr) => inFile(file, () => derefWithPointer(doc, /** @type {SpecNode} */ (node), ptr)),
    target: (ref) => inFile(file, () => ({ node: refTarget(doc, ref), ptr: ref })),
  };
}

/**
 * Runs `walk` over a document: a `$ref` that is not local, does not resolve or loops is an input
 * error, reported with the file it is in.
 * @template T
 * @param {string} file
 * @param {() => T} walk
 * @returns {T}
 */
export function inFile(file, walk) {
  try {
    return walk();
  } catch (error) {
    if (error instanceof SpecRefError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}
