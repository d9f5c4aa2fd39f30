// The form of test/seed-facts.json (the types in seed-facts.ts), checked at run time: the file is data
// that a person may edit or merge by hand, and a misspelt key would otherwise drop a check silently.

type Check = (value: unknown, at: string, problems: string[]) => void;

/** The JSON pointer of a member, `/` for the whole file. */
const place = (at: string): string => at || "/";

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

const string: Check = (v, at, problems) => {
  if (typeof v !== "string") problems.push(`${place(at)}: expected a string, got ${JSON.stringify(v)}`);
};
const boolean: Check = (v, at, problems) => {
  if (typeof v !== "boolean") problems.push(`${place(at)}: expected true or false, got ${JSON.stringify(v)}`);
};
/** Any JSON value (the JSON examples of the code panel); `object` already reports a missing one. */
const anyJson: Check = () => {};
const oneOf =
  (...values: string[]): Check =>
  (v, at, problems) => {
    if (typeof v !== "string" || !values.includes(v))
      problems.push(`${place(at)}: expected one of ${values.join(", ")}, got ${JSON.stringify(v)}`);
  };
const arrayOf =
  (item: Check): Check =>
  (v, at, problems) => {
    if (!Array.isArray(v)) problems.push(`${place(at)}: expected an array`);
    else for (const [i, x] of v.entries()) item(x, `${at}/${i}`, problems);
  };

/** An object with exactly these members; a key ending in `?` is optional. */
function object(members: Record<string, Check>): Check {
  const keys = Object.keys(members).map((k) => k.replace(/\?$/, ""));
  return (v, at, problems) => {
    if (!isRecord(v)) {
      problems.push(`${place(at)}: expected an object`);
      return;
    }
    for (const [key, check] of Object.entries(members)) {
      const name = key.replace(/\?$/, "");
      if (v[name] !== undefined) check(v[name], `${at}/${name}`, problems);
      else if (!key.endsWith("?")) problems.push(`${at}/${name}: missing`);
    }
    for (const key of Object.keys(v)) if (!keys.includes(key)) problems.push(`${at}/${key}: unknown member`);
  };
}

const field = object({
  name: string,
  type: string,
  required: boolean,
  "example?": string,
  "enum?": arrayOf(string),
  "description?": string,
});

const section = object({ status: string, "description?": string, noBody: boolean, fields: arrayOf(field) });

const page = object({
  file: string,
  "title?": string,
  "breadcrumb?": string,
  method: oneOf("GET", "POST", "PUT", "PATCH", "DELETE"),
  path: string,
  scope: string,
  mentionsBearer: boolean,
  mentionsSessionCookie: boolean,
  "curl?": object({ method: string, path: string }),
  pathParams: arrayOf(object({ name: string, type: string, required: boolean, "example?": string })),
  bodyRequired: boolean,
  "bodyMediaType?": string,
  bodyFields: arrayOf(field),
  success: arrayOf(section),
  problems: arrayOf(section),
  hasStatusLines: boolean,
  json: arrayOf(object({ kind: oneOf("curl-request", "response", "request"), "name?": string, value: anyJson })),
});

const seedFacts = object({ about: string, pages: arrayOf(page) });

/** What is wrong with `value` as seed facts (JSON pointers and what was expected); empty when well formed. */
export function seedFactsProblems(value: unknown): string[] {
  const problems: string[] = [];
  seedFacts(value, "", problems);
  if (problems.length === 0 && isRecord(value) && Array.isArray(value.pages) && value.pages.length === 0) {
    problems.push("/pages: no page");
  }
  return problems;
}
