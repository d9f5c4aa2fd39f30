// The rendered API reference (openapi/dist/docs/index.html, Redoc CE 3, one self-contained file),
// opened from disk in headless Chromium with every non-local request blocked: it must render
// offline, and show every operation of the bundled spec with its method, path, summary, required
// scopes and named examples. A full-page screenshot is kept as a build artifact.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockNonLocalRequests, collectPageErrors, launchChromium, type PageError } from "@hostup/chromium-testing";
import { DOCS_PATH, readSpec, requireBuilt, SPEC_PATH, type MediaExamples, type OperationFacts } from "./support/spec.js";

const ARTIFACTS = fileURLToPath(new URL("../artifacts/", import.meta.url));

/**
 * Redoc CE 3 hard-codes its "API docs by Redocly" attribution logo as an image from its CDN (no
 * option turns it off; it hides itself when the image fails). It is the one non-local request the
 * page makes: blocked like everything else, and tolerated only because the page does not depend on it.
 */
const REDOC_ATTRIBUTION_LOGOS = new Set(["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"]);

requireBuilt(SPEC_PATH, "bundle");
requireBuilt(DOCS_PATH, "docs");
const spec = readSpec();

/** The docs-only copy of the bundle the page is built from: the bundle plus each operation's x-codeSamples. */
const DOCS_SPEC_PATH = path.join(path.dirname(DOCS_PATH), "openapi.json");
requireBuilt(DOCS_SPEC_PATH, "docs");
type CodeSample = { lang: string; label: string; source: string };
const codeSamples = new Map<string, CodeSample[]>();
for (const item of Object.values(JSON.parse(readFileSync(DOCS_SPEC_PATH, "utf8")).paths as Record<string, Record<string, unknown>>)) {
  for (const op of Object.values(item) as Array<{ operationId?: string; "x-codeSamples"?: CodeSample[] }>) {
    if (op?.operationId) codeSamples.set(op.operationId, op["x-codeSamples"] ?? []);
  }
}

let browser: Browser | undefined;
let page: Page;
let blocked: string[] = [];
let errors: PageError[] = [];
/** Shared responses whose example dropdown has been walked through (see the responses test). */
const walkedSharedResponses = new Set<string>();

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  // a missing element fails its test with the locator in the message, well before the test timeout
  page.setDefaultTimeout(15_000);
  blocked = await blockNonLocalRequests(page, { fileRoot: path.dirname(DOCS_PATH) });
  errors = collectPageErrors(page);
  await page.goto(pathToFileURL(DOCS_PATH).href);
  await page.locator("h1", { hasText: spec.title }).waitFor();
});

afterAll(async () => {
  await browser?.close();
});

/** `#/<tag>/<operationId>`: Redoc CE 3's deep link (hash routing on file://), lower-cased. */
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-");
const operationAnchor = (op: OperationFacts) => `${slug(op.tag)}/${op.operationId.toLowerCase()}`;
const normalize = (text: string) => text.replace(/\s+/g, " ").trim();

/** The tag's entry in the navigation sidebar (its link and, once expanded, its operations). */
function sidebarTag(tag: string): Locator {
  return page.locator(`a[href="/${slug(tag)}"]:has([data-testid="menu-item-label"])`).locator("xpath=..");
}

/** The operation's link in the navigation sidebar (the tag page lists the same href too). */
function sidebarLink(op: OperationFacts): Locator {
  return page.locator(`a[href="#/${operationAnchor(op)}"]:has([data-testid="menu-item-label"])`);
}

/**
 * Goes to a deep link the way following its link does (Redoc CE 3 routes on the hash on file://).
 * Clicking the sidebar itself is flaky on slow machines: it re-renders while it animates.
 */
async function goTo(anchor: string): Promise<void> {
  await page.goto(`${pathToFileURL(DOCS_PATH).href}#/${anchor}`);
  await page.waitForFunction((hash) => location.hash === hash, `#/${anchor}`);
}

/** Opens a tag, which expands it in the sidebar (the sidebar shows one tag's operations at a time). */
async function expandTag(tag: string): Promise<void> {
  await goTo(slug(tag));
  const first = spec.operations.find((op) => op.tag === tag);
  if (first) await sidebarLink(first).waitFor({ state: "visible" });
}

/** Waits until the sidebar's expand/collapse animation is over (its height stops changing). */
async function sidebarSettled(): Promise<void> {
  const menu = page.locator('[data-component-name="Menu/Menu"]').first();
  let last = -1;
  let stableFor = 0;
  await expect
    .poll(
      async () => {
        const height = await menu.evaluate((element) => element.getBoundingClientRect().height);
        stableFor = height === last ? stableFor + 1 : 0;
        last = height;
        return stableFor;
      },
      { interval: 100, timeout: 10_000 },
    )
    .toBeGreaterThanOrEqual(3);
}

/** The JSON a sample panel shows (expanded first if the viewer collapsed a nested object to "{ … }"). */
async function shownJson(panel: Locator): Promise<unknown> {
  const viewer = panel.locator('[data-component-name="JsonViewer/JsonViewer"]');
  let text = (await viewer.textContent()) ?? "";
  try {
    return JSON.parse(text);
  } catch {
    await viewer.locator('button[aria-label="Expand all"]').click();
    text = (await viewer.textContent()) ?? "";
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`the sample is not complete JSON even after "Expand all":\n${text}`);
  }
}

/**
 * Checks that a sample panel shows every named example of one media type: with one example,
 * its value; with several, a dropdown listing their summaries, each showing its value when picked.
 * `firstOnly`: check only the example shown by default (its summary and value), not the dropdown.
 */
async function expectExamplesShown(panel: Locator, media: MediaExamples, where: string, firstOnly = false): Promise<void> {
  const examples = firstOnly ? media.examples.slice(0, 1) : media.examples;
  if (examples.length === 0) return;
  // A text example (the DynDNS2 answer `good 203.0.113.7`) is shown as text, not in the JSON viewer.
  const shown = /json/.test(media.mediaType)
    ? shownJson
    : async (at: Locator) => normalize((await at.locator('[data-testid="source-code"]').textContent()) ?? "");
  const expected = (value: unknown) => (/json/.test(media.mediaType) ? value : normalize(String(value)));
  const picker = panel.locator('button[aria-label="Example"]');
  if (media.examples.length === 1) {
    expect(await picker.count(), `${where}: no example picker for a single example`).toBe(0);
    expect(await shown(panel), `${where}: example ${examples[0]!.name}`).toEqual(expected(examples[0]!.value));
    return;
  }
  for (const [i, example] of examples.entries()) {
    const label = example.summary ?? example.name;
    if (i > 0) {
      await picker.click();
      // the open menu is rendered outside the panel; only one menu is open at a time
      const items = page.locator('[data-component-name="Dropdown/DropdownMenu"]:visible [role="menuitem"]');
      await items.first().waitFor();
      if (i === 1) {
        expect((await items.allTextContents()).map(normalize), `${where}: example picker entries`).toEqual(
          media.examples.map((e) => e.summary ?? e.name),
        );
      }
      await items.nth(i).click();
    }
    await expect.poll(async () => normalize((await picker.textContent()) ?? ""), { timeout: 5_000 }).toBe(label);
    // the picked example's text replaces the shown one a moment after the picker's label changes
    await expect
      .poll(() => shown(panel), { message: `${where}: example ${example.name} ("${label}")`, timeout: 5_000 })
      .toEqual(expected(example.value));
  }
}

describe("the rendered API reference (openapi/dist/docs/index.html)", () => {
  // Redoc CE 3 prints no operationId as text: it is the operation's deep link and element id
  // (`#/domains/syncdomainstatus`), which is what these checks find each operation by.
  it("shows the API's title and version, and every tag and operation in the navigation", async () => {
    expect(spec.operations.length, "operations in the bundled spec").toBeGreaterThan(0);
    await expect.poll(() => page.locator("h1").first().textContent()).toBe(`${spec.title} (${spec.version})`);
    for (const tag of spec.tags) {
      await expandTag(tag);
      const ops = spec.operations.filter((op) => op.tag === tag);
      for (const op of ops) {
        const link = sidebarLink(op);
        expect(await link.count(), `sidebar link #/${operationAnchor(op)} (${op.operationId})`).toBe(1);
        expect(normalize((await link.locator("[data-text]").textContent()) ?? ""), `${op.operationId}: sidebar summary`).toBe(op.summary);
        const method = await link.locator('[data-component-name="Tags/HttpTag"]').textContent();
        expect(method?.toUpperCase(), `${op.operationId}: sidebar method`).toBe(op.method);
      }
      // the tag lists exactly the spec's operations of that tag, in the spec's order
      const listed = await sidebarTag(tag)
        .locator('a[href^="#/"]:has([data-testid="menu-item-label"])')
        .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
      expect(listed, `operations under ${tag}`).toEqual(ops.map((op) => `#/${operationAnchor(op)}`));
    }
    // and no operation sits under a tag the spec does not have
    const tagLinks = await page
      .locator('a[href^="/"]:has([data-testid="menu-item-label"])')
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(tagLinks.filter((href) => href !== "/").sort()).toEqual(spec.tags.map((t) => `/${slug(t)}`).sort());
  });

  describe.each(spec.operations.map((op) => [op.operationId, op] as const))("operation %s", (_id, op) => {
    let section: Locator;

    beforeAll(async () => {
      await goTo(operationAnchor(op));
      section = page.locator(`[id="${operationAnchor(op)}"]`);
      await section.locator("h2").first().waitFor();
    });

    it("shows its summary, method and path", async () => {
      expect(normalize((await section.locator("h2").first().textContent()) ?? "")).toBe(op.summary);
      const endpoint = section.locator(".panel-request-samples button[aria-haspopup]").first();
      expect(normalize((await endpoint.textContent()) ?? "").toUpperCase()).toBe(`${op.method}${op.path}`.toUpperCase());
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText (the rendered text, with its spaces), not the DOM property.
      expect(normalize((await endpoint.innerText()) ?? "")).toBe(`${op.method} ${op.path}`);
    });

    it("shows the scopes its security requirements name", async () => {
      const security = section.locator('[data-component-name="Panel/Panel"]', {
        has: page.locator('[data-component-name="icons/SecurityIcon/SecurityIcon"]'),
      });
      expect(await security.count()).toBe(1);
      const shown = normalize((await security.locator('[data-component-name="Panel/PanelBody"]').textContent()) ?? "");
      // e.g. "bearerApiKey(Required scopes: write:domainswrite:billing) or dashboardSession(Required scopes: …)"
      const expected = op.security
        .map(({ scheme, scopes }) => (scopes.length ? `${scheme}(Required scopes: ${scopes.join("")})` : scheme))
        .join(" or ");
      expect(shown).toBe(expected);
      // and each scope as its own badge, in order, after its scheme
      const structured = await security.locator('[data-component-name="Panel/PanelBody"]').evaluate((body) => {
        const alternatives: Array<{ scheme: string; scopes: string[] }> = [];
        for (const child of Array.from(body.firstElementChild?.children ?? [])) {
          const text = (child.textContent ?? "").trim();
          if (text === "or") continue;
          if (text.startsWith("(Required scopes:")) {
            alternatives[alternatives.length - 1]!.scopes = Array.from(child.children).map((badge) => (badge.textContent ?? "").trim());
          } else {
            alternatives.push({ scheme: text, scopes: [] });
          }
        }
        return alternatives;
      });
      expect(structured).toEqual(op.security);
    });

    /**
     * The request panel's sample picker (Redoc: the second dropdown of the panel header): the code
     * samples, then "Payload" when the operation has a body. Picks `label` and returns every label offered.
     */
    async function pickSample(panel: Locator, label: string): Promise<string[]> {
      await panel
        .locator('[data-component-name="Panel/PanelHeader"] > [data-component-name="Dropdown/Dropdown"]')
        .nth(1)
        .locator("button")
        .click();
      const items = page.locator('[data-component-name="Dropdown/DropdownMenu"]:visible [role="menuitem"]');
      await items.first().waitFor();
      const labels = (await items.allTextContents()).map(normalize);
      await items.filter({ hasText: new RegExp(`^${label}$`) }).click();
      return labels;
    }

    it("shows its SDK call and, where there is one, its hostup command", async () => {
      const panel = section.locator(".panel-request-samples");
      const samples = codeSamples.get(op.operationId) ?? [];
      expect(samples.map((s) => s.label)[0], `${op.operationId}: the SDK sample comes first`).toBe("SDK");
      const offered = [...samples.map((s) => s.label), ...(op.requestBody.length ? ["Payload"] : [])];
      const pickers = panel.locator('[data-component-name="Panel/PanelHeader"] > [data-component-name="Dropdown/Dropdown"]');
      for (const sample of samples) {
        // one sample and no body: Redoc shows it without a picker
        if (offered.length > 1) expect(await pickSample(panel, sample.label)).toEqual(offered);
        else expect(await pickers.count(), `${op.operationId}: only the endpoint picker`).toBe(1);
        const shown = (await panel.locator('[data-testid="source-code"]').textContent()) ?? "";
        expect(normalize(shown), `${op.operationId}: ${sample.label} sample`).toBe(normalize(sample.source));
      }
      expect(normalize(samples[0]!.source)).toContain(`await hostup.${op.operationId}(`);
    });

    // (an operation without a body offers no "Payload" entry: checked with the samples above)
    if (op.requestBody.length) {
      it("shows its request examples", async () => {
        const panel = section.locator(".panel-request-samples");
        await pickSample(panel, "Payload");
        for (const media of op.requestBody) await expectExamplesShown(panel, media, `${op.operationId} request ${media.mediaType}`);
      });
    }

    // A shared response (`$ref: #/components/responses/…`) renders the same under every operation:
    // its example dropdown is walked through the first time it is met; after that, each operation
    // still shows its status and default example.
    it("shows every response status with its examples", async () => {
      const panel = section.locator(".panel-response-samples");
      const tabs = panel.locator('[data-component-name="Panel/PanelHeaderTitle"] + div > button');
      expect(await tabs.allTextContents()).toEqual(op.responses.map((r) => r.status));
      for (const response of op.responses) {
        await tabs.filter({ hasText: new RegExp(`^${response.status}$`) }).click();
        for (const media of response.content) {
          const mediaSelect = panel.locator('select[aria-label="Response media type"]');
          await expect.poll(() => mediaSelect.inputValue(), { timeout: 5_000 }).toBe(media.mediaType);
          const shared = response.ref && `${response.ref} ${media.mediaType}`;
          const seen = shared ? walkedSharedResponses.has(shared) : false;
          await expectExamplesShown(panel, media, `${op.operationId} ${response.status} ${media.mediaType}`, seen);
          if (shared) walkedSharedResponses.add(shared);
        }
      }
    });
  });

  it("saves a full-page screenshot (artifacts/docs.png)", async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // From the last tag's page, the page holds the overview, every tag's list of operations and
    // that tag's operations in full (Redoc renders the document around the current position).
    const lastTag = spec.tags[spec.tags.length - 1]!;
    await expandTag(lastTag);
    await page.locator("h1", { hasText: spec.title }).waitFor();
    await sidebarSettled();
    // from the top, so that the (sticky) sidebar is drawn beside the overview
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForFunction(() => window.scrollY === 0);
    await page.screenshot({ path: path.join(ARTIFACTS, "docs.png"), fullPage: true });
    // and one operation as a reader sees it
    const op = spec.operations.find((o) => o.operationId === "createDynDnsConfig") ?? spec.operations[0]!;
    await goTo(operationAnchor(op));
    await page
      .locator(`[id="${operationAnchor(op)}"] h2`)
      .first()
      .waitFor();
    await sidebarLink(op).waitFor({ state: "visible" });
    await sidebarSettled();
    await page.screenshot({ path: path.join(ARTIFACTS, `operation-${op.operationId}.png`) });
  });

  it("rendered offline (checked last, after every click): nothing outside the file was fetched, no errors", async () => {
    const unexpected = blocked.filter((request) => !REDOC_ATTRIBUTION_LOGOS.has(request.slice(request.indexOf(" ") + 1)));
    expect(unexpected, "non-local requests the page attempted").toEqual([]);
    const errorsLeft = errors.filter(
      (e) => !(REDOC_ATTRIBUTION_LOGOS.has(e.url) && e.text.startsWith("Failed to load resource: net::ERR_BLOCKED_BY_CLIENT")),
    );
    expect(errorsLeft, "console errors / uncaught exceptions").toEqual([]);
  });
});
