// createHostupMcpServer: the tools on an MCP server (the SDK's low-level Server: the tools' compact
// JSON Schemas are listed as written and checked with Ajv, see schema.ts). Results carry
// `structuredContent` and a short text; failures are `isError` results with text only (the SDK's
// client checks `structuredContent` against the output schema even on errors).
import type { HostupClient } from "@hostup/sdk";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
} from "@modelcontextprotocol/sdk/types.js";
import { Ajv, type ValidateFunction } from "ajv";
import { describeError } from "./errors.js";
import type { Tool } from "./tool.js";
import { TOOLS } from "./tools/index.js";
import { MCP_VERSION } from "./version.js";

export interface HostupMcpServerOptions {
  /** The client the tools call the API with (createHostupClient; add MCP_PRODUCT to its userAgent). */
  hostup: HostupClient;
  /** Offer only the tools that change nothing. */
  readOnly?: boolean;
  /** Offer only these tools (names of TOOL_NAMES); with readOnly, those of them that change nothing. */
  tools?: ReadonlyArray<string>;
  /** Values no result may show, whatever a tool returns or an error says (the API key is one). */
  secrets?: ReadonlyArray<string>;
}

export const TOOL_NAMES: ReadonlyArray<string> = TOOLS.map((tool) => tool.name);

const INSTRUCTIONS =
  "HostUp domains and DNS. Name domains and zones by name or ID. Record names are relative to the zone (@ for the apex) and TXT values unquoted. " +
  "For a zone change: export_zone, edit, plan_zone, show the plan to the user, then apply_zone with its planHash.";

/** The tools these options offer, or an error naming the unknown ones. */
export function offeredTools(options: Pick<HostupMcpServerOptions, "readOnly" | "tools">): Tool[] {
  const unknown = (options.tools ?? []).filter((name) => !TOOL_NAMES.includes(name));
  if (unknown.length) throw new Error(`unknown tool(s): ${unknown.join(", ")} (the tools are ${TOOL_NAMES.join(", ")})`);
  return TOOLS.filter((tool) => (!options.tools || options.tools.includes(tool.name)) && (!options.readOnly || tool.kind === "read"));
}

/** Keys whose values are credentials wherever they appear in what the API answers (a DynDNS token, a transfer code). */
const SECRET_KEY = /token|secret|password|authcode|auth_code|eppcode|apikey|api_key/i;

/**
 * `value` with every credential-like key's value replaced and every known secret cut out of its
 * strings: the last check before anything reaches the model, whatever a tool put in its result.
 */
export function withoutSecrets(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === "string") return scrub(value);
  if (Array.isArray(value)) return value.map((item) => withoutSecrets(item, scrub));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      SECRET_KEY.test(key) && typeof item === "string" ? "[not shown]" : withoutSecrets(item, scrub),
    ]),
  );
}

// Strict: a mistake in a tool's schema fails at start-up, not as a check that passes anything.
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validators = new Map<string, ValidateFunction>(TOOLS.map((tool) => [tool.name, ajv.compile(tool.input)]));
const validatorOf = (tool: Tool) => validators.get(tool.name)!;

export function createHostupMcpServer(options: HostupMcpServerOptions): Server {
  const tools = offeredTools(options);
  const secrets = (options.secrets ?? []).filter((secret) => secret.length >= 8);
  const scrub = (text: string) => secrets.reduce((out, secret) => out.split(secret).join("[redacted]"), text);
  const server = new Server(
    { name: "hostup", title: "HostUp domains and DNS", version: MCP_VERSION },
    { capabilities: { tools: {} }, instructions: INSTRUCTIONS },
  );

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: tools.map((tool) => ({
      // No titles: clients show the name, and `tools/list` is sent into every conversation.
      name: tool.name,
      description: tool.description,
      inputSchema: tool.input,
      outputSchema: tool.output,
      annotations: {
        readOnlyHint: tool.kind === "read",
        destructiveHint: tool.kind !== "read" && !tool.additive,
        idempotentHint: tool.idempotent,
        // Every tool acts on the account's own domains through HostUp's API, nothing else.
        openWorldHint: false,
      },
    })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = tools.find((t) => t.name === request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
    const args = request.params.arguments ?? {};
    const validate = validatorOf(tool);
    if (!validate(args)) {
      const problems = (validate.errors ?? []).map(
        (e) =>
          `${e.instancePath || "arguments"} ${e.message}${e.params && "additionalProperty" in e.params ? `: ${e.params.additionalProperty}` : ""}`,
      );
      return { isError: true, content: [{ type: "text", text: `Invalid arguments for ${tool.name}: ${problems.join("; ")}` }] };
    }
    const token = request.params._meta?.progressToken;
    const progress = async (done: number, total?: number, message?: string) => {
      if (token === undefined) return;
      await extra
        .sendNotification({
          method: "notifications/progress",
          params: { progressToken: token, progress: done, ...(total !== undefined && { total }), ...(message && { message }) },
        })
        .catch(() => {});
    };
    try {
      const { data, text } = await tool.run(args, { hostup: options.hostup, signal: extra.signal, progress });
      return { content: [{ type: "text", text: scrub(text) }], structuredContent: withoutSecrets(data, scrub) as Record<string, unknown> };
    } catch (error) {
      return { isError: true, content: [{ type: "text", text: scrub(describeError(error)) }] };
    }
  });
  return server;
}
