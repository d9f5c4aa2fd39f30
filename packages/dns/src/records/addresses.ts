// IP addresses in one written form each: IPv4 dotted decimal without leading zeros, IPv6 as RFC 5952
// writes it (lower case, zeros compressed, the longest run of zero groups as `::`). Hand-written
// because the URL parser, the one parser every runtime has, reads `1.2` and `0x10` as IPv4 too.

/** `192.0.2.1` → itself; undefined for anything else (`1.2`, `0x10`, `01.2.3.4`, `256.0.0.1`). */
export function canonicalIpv4(address: string): string | undefined {
  const parts = address.trim().split(".");
  if (parts.length !== 4) return undefined;
  for (const part of parts) if (!/^(?:0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
  return parts.join(".");
}

/** An IPv6 address in RFC 5952 form (`2001:DB8:0:0::1` → `2001:db8::1`); undefined when it is not one. */
export function canonicalIpv6(address: string): string | undefined {
  const text = address.trim().toLowerCase();
  if (!/^[0-9a-f:.]+$/.test(text) || !text.includes(":")) return undefined;
  let groups: number[] = [];
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parse = (half: string): number[] | undefined => {
    if (half === "") return [];
    const out: number[] = [];
    const pieces = half.split(":");
    for (const [i, piece] of pieces.entries()) {
      if (piece.includes(".")) {
        const v4 = i === pieces.length - 1 ? canonicalIpv4(piece) : undefined;
        if (!v4) return undefined;
        const [a = 0, b = 0, c = 0, d = 0] = v4.split(".").map(Number);
        out.push((a << 8) | b, (c << 8) | d);
      } else if (/^[0-9a-f]{1,4}$/.test(piece)) out.push(Number.parseInt(piece, 16));
      else return undefined;
    }
    return out;
  };
  const head = parse(halves[0] ?? "");
  const tail = halves.length === 2 ? parse(halves[1] ?? "") : [];
  if (!head || !tail) return undefined;
  if (halves.length === 2) {
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined;
    groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  } else groups = head;
  if (groups.length !== 8) return undefined;
  // RFC 5952 §4.2: the longest run of two or more zero groups (the first of equal runs) becomes `::`.
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < 8 && groups[end] === 0) end++;
    if (end - i > bestLength) [best, bestLength] = [i, end - i];
    i = end;
  }
  const hex = (list: number[]) => list.map((group) => group.toString(16)).join(":");
  return best === -1 ? hex(groups) : `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLength))}`;
}

/** Whether the text is an IPv4 or IPv6 address (a CNAME, ALIAS, MX or NS target must not be one). */
export const isIpAddress = (text: string): boolean => canonicalIpv4(text) !== undefined || canonicalIpv6(text) !== undefined;
