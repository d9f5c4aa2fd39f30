/** Lower-case ASCII (punycode) form without a trailing dot: `Home.Exämple.com.` → `home.xn--exmple-cua.com`. */
export function canonicalHostname(name: string): string {
  const trimmed = name.trim().replace(/\.$/, "");
  try {
    return new URL(`http://${trimmed}`).hostname;
  } catch {
    return trimmed.toLowerCase();
  }
}
