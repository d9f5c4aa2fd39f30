// Regenerates test/seed-facts.json from HostUp's seed pages (`pnpm --filter @hostup/openapi seed-facts`).
// The pages are read from HOSTUP_SEEDS_DIR, else from `<repo root>/../shared/seeds`.

import { writeFileSync } from "node:fs";
import { seedFactsProblems } from "./seed-facts-shape.js";
import { extractSeedFacts, formatSeedFacts, SEED_FACTS_PATH, seedPageFiles, seedPagesDir } from "./seed-facts.js";

const dir = seedPagesDir();
if (seedPageFiles(dir).length === 0) {
  console.error(`No seed pages (*.txt) in ${dir}: put them in <repo root>/../shared/seeds or set HOSTUP_SEEDS_DIR.`);
  process.exit(1);
}
const facts = extractSeedFacts(dir);
const problems = seedFactsProblems(facts);
if (problems.length > 0) {
  console.error(`The extracted facts are not well formed (a parser bug):\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
writeFileSync(SEED_FACTS_PATH, formatSeedFacts(facts));
const sections = facts.pages.flatMap((p) => [...p.success, ...p.problems]);
const fields = facts.pages.reduce((n, p) => n + p.bodyFields.length, 0) + sections.reduce((n, s) => n + s.fields.length, 0);
console.log(`${SEED_FACTS_PATH}: ${facts.pages.length} pages from ${dir}, ${fields} field statements`);
