export interface MockServerOptions {
  /**
   * OpenAPI document for Prism (file path or http(s) URL). Default: the bundled HostUp spec,
   * resolved from the `@hostup/openapi/openapi.json` package export.
   */
  spec?: string;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port to listen on. Default: a free port picked by the OS. */
  port?: number;
  /** Prism `--errors`: request/response violations (incl. responses breaking the spec) become errors. Default `false`. */
  errors?: boolean;
  /** Prism `--dynamic`: generate responses from schemas instead of using examples. Default `false`. */
  dynamic?: boolean;
  /** How long to wait for Prism to answer its first request. Default 30 000 ms. */
  startupTimeoutMs?: number;
  /** Receives Prism's stdout/stderr as it arrives (e.g. `(s) => process.stderr.write(s)`). */
  onOutput?: (chunk: string) => void;
  /**
   * Keep the Node process alive while the server runs (what a CLI wants). Default `false`:
   * the server does not hold the event loop open, and is killed when the process exits.
   */
  keepProcessAlive?: boolean;
}

export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  port: number;
  host: string;
  /** PID of the Prism process (also its process-group id). */
  pid: number;
  /** Resolves when Prism exits, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops Prism (SIGTERM to its process group, SIGKILL after 3 s); resolves once it has exited. Idempotent. */
  close(): Promise<void>;
}
