// Every failure as a tool result a model can act on: what went wrong, the API's code, the fields at
// fault, the request ID for support, and the documented next step. Never a stack trace, never a secret.
import { PlanRefusedError, ZoneFileError } from "@hostup/dns";
import { HostupApiError, HostupError, HostupValidationError } from "@hostup/sdk";
import { ToolError } from "./tool.js";

/** Problems of a zone file listed in a result; the rest are counted. */
const MAX_PROBLEMS = 20;

export function describeError(error: unknown): string {
  if (error instanceof HostupApiError) {
    const lines = [
      `The API refused it: HTTP ${error.status}${error.code ? ` [${error.code}]` : ""}: ${error.detail ?? error.title ?? error.message}`,
    ];
    for (const field of error.errors) lines.push(`  ${field.pointer}: ${field.detail}${field.code ? ` (${field.code})` : ""}`);
    if (error.hint) lines.push(`Next: ${error.hint}`);
    if (error.requestId) lines.push(`Request ID: ${error.requestId}`);
    return lines.join("\n");
  }
  if (error instanceof HostupValidationError) return `Refused before sending (${error.field}): ${error.message}`;
  if (error instanceof ZoneFileError) {
    const shown = error.problems.slice(0, MAX_PROBLEMS).map((p) => `  ${p.source?.line ? `line ${p.source.line}: ` : ""}${p.message}`);
    const more = error.problems.length - shown.length;
    return ["The zone file has problems:", ...shown, ...(more > 0 ? [`  … and ${more} more`] : [])].join("\n");
  }
  if (error instanceof PlanRefusedError) return `Not applied: ${error.message}`;
  if (error instanceof ToolError) return error.next ? `${error.message}\nNext: ${error.next}` : error.message;
  if (error instanceof HostupError) return error.message;
  // A bug of ours: its name and message, not its stack.
  return `Internal error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
}
