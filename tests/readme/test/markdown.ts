// Markdown helpers for the README checks: fenced code blocks, links and heading anchors.

export interface CodeBlock {
  /** Repository-relative path of the Markdown file. */
  file: string;
  /** 1-based line number (in the Markdown file) of the block's first code line. */
  line: number;
  lang: string;
  code: string;
}

export interface Link {
  file: string;
  line: number;
  target: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/;

/** The fenced code blocks of a Markdown document, with the line each starts on. */
export function codeBlocks(file: string, markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  let open: { fence: string; lang: string; start: number; body: string[] } | undefined;
  lines.forEach((text, i) => {
    const m = FENCE.exec(text);
    if (!open) {
      if (m) open = { fence: m[1]!, lang: m[2]!.toLowerCase(), start: i + 2, body: [] };
      return;
    }
    if (m && m[1]!.startsWith(open.fence[0]!) && m[1]!.length >= open.fence.length && !m[2]) {
      blocks.push({ file, line: open.start, lang: open.lang, code: open.body.join("\n") });
      open = undefined;
      return;
    }
    open.body.push(text);
  });
  if (open) throw new Error(`${file}:${open.start - 1}: code fence never closed`);
  return blocks;
}

/** The text outside code: fenced blocks and inline code spans blanked, line numbers kept. */
function prose(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split(/\r?\n/).map((text) => {
    const m = FENCE.exec(text);
    if (fence) {
      if (m && m[1]!.startsWith(fence[0]!) && m[1]!.length >= fence.length) fence = undefined;
      return "";
    }
    if (m) {
      fence = m[1];
      return "";
    }
    return text.replace(/(`+)[\s\S]*?\1/g, (span) => " ".repeat(span.length));
  });
}

/** Inline links and images `[text](target "title")`, reference definitions `[id]: target`, and `href="…"`. */
export function links(file: string, markdown: string): Link[] {
  const out: Link[] = [];
  prose(markdown).forEach((text, i) => {
    const add = (target: string) => out.push({ file, line: i + 1, target });
    for (const m of text.matchAll(/\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)) add(m[1]!.replace(/^<|>$/g, ""));
    const def = /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/.exec(text);
    if (def) add(def[1]!.replace(/^<|>$/g, ""));
    for (const m of text.matchAll(/\bhref\s*=\s*["']([^"']+)["']/g)) add(m[1]!);
  });
  return out;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const text of prose(markdown)) {
    const m = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (!m) continue;
    const base = m[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** True for targets with a scheme (`https:`, `mailto:`) or protocol-relative ones. */
export const isExternal = (target: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//");
