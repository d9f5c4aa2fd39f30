// The entries of a BIND zone file with the line each starts on: comments dropped, a parenthesised
// entry joined onto one line, quoted strings left as written. dnsz (the parser bind.ts uses) keeps
// no line numbers and skips an entry it cannot read without a word, so bind.ts hands it one entry at
// a time from here and can name the line of any entry it refuses.

export interface BindEntry {
  /** 1-based line the entry starts on. */
  line: number;
  /** The entry on one line: comments and parentheses removed, whitespace between tokens collapsed. */
  text: string;
  /** The entry starts with blank space: it has no owner and takes the previous one. */
  inherited: boolean;
}

/** Splits the text into entries; throws a plain Error with the line for an unclosed quote or parenthesis. */
export function scanBindEntries(text: string): BindEntry[] {
  const entries: BindEntry[] = [];
  let line = 1;
  let start = 0;
  let inherited = false;
  let current = "";
  let depth = 0;
  let quoted = false;
  let atLineStart = true;
  const finish = () => {
    const joined = current.replace(/\s+/g, " ").trim();
    if (joined) entries.push({ line: start, text: joined, inherited });
    current = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (atLineStart && depth === 0 && !quoted) {
      start = line;
      inherited = c === " " || c === "\t";
    }
    atLineStart = false;
    if (c === "\\" && i + 1 < text.length && text[i + 1] !== "\n") {
      current += c + text[++i];
      continue;
    }
    if (quoted) {
      if (c === "\n") throw new Error(`line ${line}: a quoted string does not end on its line.`);
      if (c === '"') quoted = false;
      current += c;
      continue;
    }
    if (c === '"') {
      quoted = true;
      current += c;
    } else if (c === ";") {
      while (i + 1 < text.length && text[i + 1] !== "\n") i++;
    } else if (c === "(") {
      depth++;
      current += " ";
    } else if (c === ")") {
      if (depth === 0) throw new Error(`line ${line}: ")" without "(".`);
      depth--;
      current += " ";
    } else if (c === "\n") {
      line++;
      atLineStart = true;
      if (depth === 0) finish();
      else current += " ";
    } else if (c === "\r") {
      current += " ";
    } else current += c;
  }
  if (depth > 0) throw new Error(`line ${start}: "(" is not closed by the end of the file.`);
  finish();
  return entries;
}

/** Splits record data into tokens: whitespace-separated, a quoted string (escapes kept) is one token. */
export function rdataTokens(data: string): string[] {
  return data.match(/"(?:[^"\\]|\\.)*"|(?:[^\s"\\]|\\.)+/g) ?? [];
}

/** A character-string token's text: quotes removed, `\DDD` (a decimal byte, UTF-8 put back together) and `\X` undone. */
export function characterString(token: string): string {
  const inner = token.length >= 2 && token.startsWith('"') && token.endsWith('"') ? token.slice(1, -1) : token;
  if (!inner.includes("\\")) return inner;
  const bytes: number[] = [];
  for (const [, decimal, escaped, char] of inner.matchAll(/\\(\d{3})|\\(.)|(.)/gsu)) {
    if (decimal !== undefined) bytes.push(Number(decimal) & 0xff);
    else bytes.push(...Buffer.from(escaped ?? char ?? ""));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** Text as quoted character strings of at most 255 bytes each (`\` and `"` escaped), as TXT needs. */
export function quotedStrings(text: string): string {
  const chunks: string[] = [];
  let chunk = "";
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > 255) {
      chunks.push(chunk);
      chunk = "";
      bytes = 0;
    }
    chunk += char;
    bytes += size;
  }
  chunks.push(chunk);
  return chunks.map((c) => `"${c.replace(/(["\\])/g, "\\$1")}"`).join(" ");
}
