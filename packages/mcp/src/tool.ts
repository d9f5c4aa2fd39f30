// What a tool is: its name, schemas and annotations, and the function that does the work with the
// client. Tools return plain data; server.ts turns it into an MCP result and every error into an
// `isError` result a model can act on.
import type { HostupClient } from "@hostup/sdk";
import type { Schema } from "./schema.js";

/**
 * `read` changes nothing; `write` adds or changes; `destructive` removes, or replaces a whole zone's
 * records. The specification's destructiveHint (true unless said otherwise) is false only for the
 * write tools that only add (`additive`): a change to what exists may be destructive.
 */
export type ToolKind = "read" | "write" | "destructive";

export interface ToolContext {
  hostup: HostupClient;
  /** Aborted when the client cancels the call. */
  signal: AbortSignal;
  /** Sends a progress notification when the caller asked for them (a progress token); otherwise nothing. */
  progress(progress: number, total?: number, message?: string): Promise<void>;
}

export interface ToolOutput {
  /** The result as data (`structuredContent`), matching the tool's output schema. */
  data: Record<string, unknown>;
  /** A short text for the model and for clients that show text only. */
  text: string;
}

export interface Tool {
  name: string;
  description: string;
  kind: ToolKind;
  /** Calling it again with the same arguments changes nothing more. */
  idempotent: boolean;
  /** A write that only adds (ensures, creates), never changes or removes what was there. */
  additive?: true;
  input: Schema;
  output: Schema;
  run(args: Record<string, unknown>, ctx: ToolContext): Promise<ToolOutput>;
}

/** A refusal a tool explains itself (not an API error): `isError`, with what to do next. */
export class ToolError extends Error {
  override name = "ToolError";
  constructor(
    message: string,
    readonly next?: string,
  ) {
    super(message);
  }
}

/** Lists are cut at `limit` with a note of what was left out, so a result stays readable. */
export function bounded<T>(items: ReadonlyArray<T>, limit = 50): { items: T[]; omitted: number } {
  return { items: items.slice(0, limit), omitted: Math.max(0, items.length - limit) };
}

export const omittedNote = (omitted: number, what: string) =>
  omitted ? ` (${omitted} more ${what} not shown: narrow the filter or raise limit)` : "";
