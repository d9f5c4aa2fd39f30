// A BIND zone file (RFC 1035 §5.1) cut into entries of tokens, in one pass over the text: comments
// dropped, parenthesised entries joined, quoted strings kept byte for byte (spaces and tabs inside
// them are data), CRLF line ends and a byte-order mark accepted. Each token keeps its line, so every
// problem can name where it is.

export interface BindToken {
  /** As written, quotes removed from a quoted string; escapes not yet undone. */
  text: string;
  quoted: boolean;
  line: number;
}

export interface BindEntry {
  /** 1-based line the entry starts on. */
  line: number;
  tokens: BindToken[];
  /** The entry starts with blank space: it has no owner and takes the previous one. */
  inherited: boolean;
}

export interface ScanProblem {
  line: number;
  message: string;
}

/**
 * Hands each entry to `onEntry` as soon as it is complete (so a large file's tokens are never all held
 * at once) and returns the problems of the text itself (unclosed quotes and parentheses).
 */
export function scanBind(text: string, onEntry: (entry: BindEntry) => void): ScanProblem[] {
  const problems: ScanProblem[] = [];
  let line = 1;
  let tokens: BindToken[] = [];
  let start = 1;
  let inherited = false;
  let depth = 0;
  let depthLine = 0;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let atLineStart = true;
  const finish = () => {
    if (tokens.length > 0) onEntry({ line: start, tokens, inherited });
    tokens = [];
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (atLineStart && depth === 0) {
      start = line;
      inherited = c === " " || c === "\t";
    }
    atLineStart = false;
    if (c === "\n") {
      line++;
      atLineStart = true;
      if (depth === 0) finish();
      i++;
    } else if (c === " " || c === "\t" || c === "\r") i++;
    else if (c === ";") {
      const end = text.indexOf("\n", i);
      i = end === -1 ? text.length : end;
    } else if (c === "(") {
      if (depth === 0) depthLine = line;
      depth++;
      i++;
    } else if (c === ")") {
      if (depth === 0) problems.push({ line, message: '")" without "(".' });
      else depth--;
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let closed = false;
      while (j < text.length) {
        const d = text[j];
        if (d === "\\" && j + 1 < text.length) j += 2;
        else if (d === '"') {
          closed = true;
          break;
        } else if (d === "\n") break;
        else j++;
      }
      if (!closed) {
        problems.push({ line, message: "a quoted string does not end on its line." });
        tokens = [];
        depth = 0;
        i = j;
        continue;
      }
      tokens.push({ text: text.slice(i + 1, j), quoted: true, line });
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length) {
        const d = text[j] as string;
        if (d === "\\" && j + 1 < text.length && text[j + 1] !== "\n") j += 2;
        else if (' \t\r\n;()"'.includes(d)) break;
        else j++;
      }
      tokens.push({ text: text.slice(i, j), quoted: false, line });
      i = j;
    }
  }
  if (depth > 0) problems.push({ line: depthLine, message: '"(" is not closed by the end of the file.' });
  else finish();
  return problems;
}
