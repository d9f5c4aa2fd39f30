// A job reference travels two ways: a bulk call returns it in `operation.pollUrl`, and `getJob` takes
// it as `{jobId}`. Whatever one side allows, the other must too, or a valid job could not be polled
// (or its poll URL would break the response schema Prism and clients check).
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";

const bundle = JSON.parse(readFileSync(new URL("../dist/openapi.json", import.meta.url), "utf8"));
const schemas = bundle.components.schemas;
const jobRef = new RegExp(schemas.JobRef.pattern);
const pollUrl = new RegExp(schemas.AsyncOperation.properties.pollUrl.pattern);

// The documented forms: v2 job and DNS-bulk IDs, and the legacy job page's example.
const REFERENCES = [
  "job_01hxa3b4c5d6e7f8g9h0j1k2m3",
  "dbj_01hxa3b4c5d6e7f8g9h0j1k2m3",
  "bulk_renew-1000-1700000000000",
  ...schemas.JobRef.examples,
];

describe("job references", () => {
  test.each(REFERENCES)("%s is a JobRef and its poll URL is a valid pollUrl", (reference) => {
    expect(jobRef.test(reference)).toBe(true);
    expect(pollUrl.test(`/api/jobs/${reference}`)).toBe(true);
  });

  test.each(["", "../x", "a/b", "a?b", "-leading"])("%j is neither", (reference) => {
    expect(jobRef.test(reference)).toBe(false);
    expect(pollUrl.test(`/api/jobs/${reference}`)).toBe(false);
  });
});
