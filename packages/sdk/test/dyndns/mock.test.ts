// updateDynDns against the Prism mock of the spec (started by the suite's global setup, with
// --errors): the request it sends is one the spec documents, and the documented answers read as
// they should. Also: the generated operation is what the spec says of it (no API key, plain text, not retry-safe).
import { describe, expect, test } from "vitest";
import { OPERATIONS } from "../../src/generated/operations.js";
import { HostupDynDnsError, updateDynDns } from "../../src/index.js";
import { mockUrl } from "../support/mock.js";
import { rejectionOf } from "../runtime/helpers.js";

/** The spec's example token (components/parameters/DynDnsUpdateToken.yaml). */
const TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/** The global fetch, keeping each response (Prism reports spec violations in `sl-violations`), with extra request headers. */
function recordingFetch(extra: Record<string, string> = {}) {
  const responses: Response[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await globalThis.fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...extra } });
    responses.push(response);
    return response;
  };
  return { fetch, responses };
}

describe("against the Prism mock", () => {
  test.for([
    ["with ip", { ip: "203.0.113.7" }],
    ["without ip", {}],
  ] as const)("the request matches the spec (%s), and the documented `good` answer resolves", async ([, extra]) => {
    const { fetch, responses } = recordingFetch();
    const result = await updateDynDns(
      { hostname: "home.example.com", token: TOKEN, ...extra },
      { baseUrl: mockUrl(), fetch, maxRetries: 0 },
    );

    expect(responses).toHaveLength(1);
    const [response] = responses as [Response];
    expect(response.headers.get("sl-violations"), "Prism reported the request as invalid").toBeNull();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain\b/);
    expect(result).toEqual({ status: "good", ip: "203.0.113.7" });
  });

  test.for([
    ["DynDnsNoChange", "nochg"],
    ["DynDnsAbuse", "abuse"],
    ["DynDns911", "911"],
  ] as const)("the spec's example %s reads as %s", async ([example, word]) => {
    const { fetch, responses } = recordingFetch({ Prefer: `example=${example}` });
    const call = updateDynDns({ hostname: "home.example.com", token: TOKEN }, { baseUrl: mockUrl(), fetch, maxRetries: 0 });

    if (word === "nochg") {
      await expect(call).resolves.toEqual({ status: "nochg", ip: "203.0.113.7" });
    } else {
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(HostupDynDnsError);
      expect((error as HostupDynDnsError).code).toBe(word);
    }
    expect(responses[0]!.headers.get("sl-violations")).toBeNull();
  });
});

describe("the operation", () => {
  test("is the generated table's updateDynDns: GET, no API key, plain text, not retry-safe", () => {
    expect(OPERATIONS.updateDynDns).toMatchObject({
      method: "GET",
      path: "/api/dyndns/update",
      apiKey: false,
      successText: true,
      retrySafe: false,
    });
  });
});
