import createClient, { type Client } from "openapi-fetch";
import type { paths } from "@hostup/types";
import { HostupConfigError } from "./errors.js";

export const DEFAULT_BASE_URL = "https://cloud.hostup.se";

/** The typed openapi-fetch client for the HostUp API: `client.POST("/api/v2/…", { … })`. */
export type HostupRawClient = Client<paths>;

export interface HostupClientOptions {
  /** HostUp API key (created in the customer portal), sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** API origin. Defaults to `https://cloud.hostup.se`; point it at the mock in tests. */
  baseUrl?: string;
  /** A `fetch` implementation; defaults to the global one (Node ≥ 20, browsers). */
  fetch?: typeof globalThis.fetch;
}

export interface HostupClient {
  /** The typed openapi-fetch client, authenticated. */
  readonly raw: HostupRawClient;
}

// Problem Details arrive as application/problem+json; a client that only accepts JSON cannot be
// given them (servers and Prism then fall back to the success response).
const ACCEPT = "application/json, application/problem+json";

export function createHostupClient(options: HostupClientOptions): HostupClient {
  const apiKey = checkApiKey(options?.apiKey);
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const raw = createClient<paths>({
    baseUrl,
    // Read lazily so a fetch patched after the client was created (test tools, polyfills) is used.
    fetch: options.fetch ?? ((input) => globalThis.fetch(input)),
    headers: { Authorization: `Bearer ${apiKey}`, Accept: ACCEPT },
  });
  // The key lives only in this closure and in the request headers: the client object itself holds no
  // copy that `console.log(client)` or `JSON.stringify(client)` could reveal.
  return Object.freeze({ raw });
}

function checkApiKey(apiKey: unknown): string {
  if (typeof apiKey !== "string" || apiKey.trim() === "") {
    throw new HostupConfigError(
      "createHostupClient: `apiKey` is required (a HostUp API key from the customer portal).",
    );
  }
  // A header value cannot carry control characters or surrounding whitespace; rejecting them here
  // gives a clear error instead of a fetch TypeError that might echo the value.
  if (/[\s\u0000-\u001f\u007f]/.test(apiKey)) {
    throw new HostupConfigError(
      "createHostupClient: `apiKey` contains whitespace or control characters; check how it was read (a trailing newline?).",
    );
  }
  return apiKey;
}

function checkBaseUrl(baseUrl: unknown): string {
  let url: URL;
  try {
    url = new URL(String(baseUrl));
  } catch {
    throw new HostupConfigError(`createHostupClient: \`baseUrl\` is not a valid URL: ${JSON.stringify(baseUrl)}.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new HostupConfigError(`createHostupClient: \`baseUrl\` must be an http(s) URL, got ${url.protocol}.`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new HostupConfigError("createHostupClient: `baseUrl` must not contain credentials, a query or a fragment.");
  }
  // Paths in the spec start with /api/…, so the base is the origin plus any proxy prefix.
  return url.href.replace(/\/+$/, "");
}
