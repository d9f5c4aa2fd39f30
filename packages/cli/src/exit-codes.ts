/** Exit codes: scripts and CI steps branch on these. */
export const EXIT = {
  ok: 0,
  /** Unexpected failure (a bug). */
  internal: 1,
  /** Bad command line or input (nothing was sent, or the SDK refused it before sending). */
  usage: 2,
  /** The API answered with an error (Problem Details). */
  api: 3,
  /** The API could not be reached, or did not answer in time. */
  network: 4,
  /** `hostup dns plan`: the zone differs from the file (changes pending); `dns apply`: declined at the prompt. */
  changes: 5,
  /** Stopped by SIGINT or SIGTERM (`dns apply`: after the write in flight, with what was and was not applied). */
  interrupted: 130,
} as const;
