// What every command gets: a client made from the global options and the settings, and one way
// to print a result (a table or text for people, JSON with --json).
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { createHostupClient, type HostupClient, type HostupClientOptions } from "@hostup/sdk";
import { loadSettings, type Settings } from "./config.js";
import { json, println, type Io } from "./output.js";

// Replaced with package.json's version by the build (tsup.config.ts).
declare const __HOSTUP_CLI_VERSION__: string;
export const CLI_VERSION = __HOSTUP_CLI_VERSION__;
/** What the CLI adds to the SDK's User-Agent, so HostUp can tell its requests apart. */
export const CLI_PRODUCT = `hostup-cli/${CLI_VERSION}`;

export interface GlobalOptions {
  baseUrl?: string;
  json?: boolean;
  timeout?: number;
}

/** `exitCode` lets an action that printed its result still fail the process (e.g. refused IDs). */
export interface RunState {
  exitCode: number;
}

export interface CommandContext {
  io: Io;
  state: RunState;
  /** The client and the output mode, made when a command runs (so `--help` needs no API key). */
  connect(): { hostup: HostupClient; asJson: boolean };
  /** Prints `data` as JSON with --json, else what `human` renders. */
  print(asJson: boolean, data: unknown, human: () => string): void;
}

export function commandContext(program: Command, io: Io, state: RunState): CommandContext {
  return {
    io,
    state,
    connect() {
      const globals = program.opts<GlobalOptions>();
      const hostup = clientFor(loadSettings(io.env, globals, io.uid));
      return { hostup, asJson: Boolean(globals.json) };
    },
    print: (asJson, data, human) => println(io, asJson ? json(data) : human()),
  };
}

/** What a command that must answer in time (`hostup external-dns`) sets on its client, over the settings. */
export type ClientLimits = Pick<HostupClientOptions, "timeoutMs" | "maxRetries" | "maxRetryWaitMs">;

/**
 * The client for these settings; `userAgent` is what follows the SDK's own product token (the CLI's,
 * unless given); `limits` win over the settings' timeout and the SDK's defaults.
 */
export function clientFor(settings: Settings, userAgent = CLI_PRODUCT, limits: ClientLimits = {}): HostupClient {
  return createHostupClient({
    apiKey: settings.apiKey,
    baseUrl: settings.baseUrl,
    userAgent,
    ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
    ...limits,
  });
}

/** A commander argument parser for whole numbers from `min` up (to `max`, when given). */
export const wholeNumber =
  (name: string, min = 1, max?: number) =>
  (value: string) => {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < min || (max !== undefined && number > max)) {
      throw new InvalidArgumentError(`${name} must be a whole number ${max === undefined ? `≥ ${min}` : `from ${min} to ${max}`}.`);
    }
    return number;
  };
