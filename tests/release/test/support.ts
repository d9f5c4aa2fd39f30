// Shared by the release tests: the repository root, child-process results, changeset files.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A changeset file's text: front matter with the given releases, then a summary. */
export function changeset(releases: Record<string, string>, summary = "A change."): string {
  const lines = Object.entries(releases).map(([pkg, bump]) => `"${pkg}": ${bump}`);
  return `---\n${lines.join("\n")}\n---\n\n${summary}\n`;
}
