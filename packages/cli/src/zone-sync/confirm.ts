// `hostup dns apply`'s question before it writes: asked only on a terminal. Without one (a CI step, a
// pipe) there is nobody to answer, so apply needs --yes instead.
import { createInterface } from "node:readline";

export const canAsk = () => Boolean(process.stdin.isTTY && process.stderr.isTTY);

/** Asks on stderr (stdout may be a plan piped elsewhere); only `y`/`yes` agrees. */
export async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.question(`${question} [y/N] `, resolve);
      rl.once("close", () => resolve(""));
    });
    return /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    rl.close();
  }
}
