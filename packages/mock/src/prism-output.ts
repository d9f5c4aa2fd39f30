// What Prism printed, for startup errors: only the end matters, and the yargs usage text Prism
// prints before some errors would otherwise push the actual message out of view.
const OUTPUT_TAIL_BYTES = 8_192;

const USAGE_LINE = [
  /^\s*(-\w, )?\s*--[\w-]+\s{2,}/, // an option and its description
  /^\s{20,}\S/, // a wrapped description
  /^\s*(Options:|Positionals:|prism mock <document>|Start a mock server)/,
  /^\s*document\s+Path to a document/,
];

export class OutputTail {
  private text = "";

  append(chunk: string): void {
    this.text = (this.text + chunk).slice(-OUTPUT_TAIL_BYTES);
  }

  includes(pattern: RegExp): boolean {
    return pattern.test(this.text);
  }

  /** The last `lines` lines worth reading, indented for an error message. */
  format(lines = 20): string {
    const all = this.text.trimEnd().split(/\r?\n/);
    const useful = all.filter((line) => !USAGE_LINE.some((usage) => usage.test(line)));
    const shown = (useful.join("\n").trim() ? useful : all).slice(-lines);
    return shown.map((line) => `  | ${line}`).join("\n") || "  | (no output)";
  }
}
