// ExternalDNS's endpoints and HostUp's record sets, both ways, in one canonical form: what GET /records
// returns is exactly what /adjustendpoints makes of ExternalDNS's desired endpoints, so a value comes
// back byte for byte as the next plan expects it, and a second reconcile plans nothing.
//   A, AAAA      the address
//   CNAME, NS    the host, lower case, without the trailing dot (as ExternalDNS writes them)
//   MX           "10 mail.example.com"
//   SRV          "10 5 5060 sip.example.com." (the dot ExternalDNS requires since v0.21)
//   TXT          the text; quoted ("…") when it is a registry record (heritage=external-dns), as the
//                registry writes those; HostUp keeps the text and lists it quoted, @hostup/dns unquotes it
// An apex CNAME is written as HostUp's ALIAS (HostUp refuses CNAMEs at the apex) and read back as CNAME.
import { asciiName, canonicalIpv4, canonicalIpv6, canonicalTarget, type RecordValue, unquoteTxt } from "@hostup/dns";

/** An ExternalDNS endpoint (endpoint/endpoint.go), as its webhook client sends and reads it. */
export interface Endpoint {
  dnsName: string;
  targets: string[];
  recordType: string;
  setIdentifier?: string;
  /** Seconds; 0 or absent: not configured. */
  recordTTL?: number;
  labels?: Record<string, string>;
  providerSpecific?: Array<{ name: string; value: string }>;
}

/** A change set, whichever of ExternalDNS's two shapes it came in. */
export interface Changes {
  create: Endpoint[];
  updateOld: Endpoint[];
  updateNew: Endpoint[];
  delete: Endpoint[];
}

/** The record types this provider maps. */
export const ENDPOINT_TYPES: ReadonlySet<string> = new Set(["A", "AAAA", "CNAME", "TXT", "MX", "SRV", "NS"]);

/** HostUp's TTL bounds (60–86,400 s). */
const MIN_TTL = 60;
const MAX_TTL = 86_400;

export class BadRequestError extends Error {
  override name = "BadRequestError";
}

/**
 * The change set of a `POST /records` body: `Create`/`UpdateOld`/`UpdateNew`/`Delete` with `null` for empty
 * lists (ExternalDNS v0.14–v0.16) or `create`/`updateOld`/`updateNew`/`delete` with empty lists left out
 * (v0.17+). Keys are matched without regard to case, as Go's decoder does.
 */
export function readChanges(body: unknown): Changes {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequestError("the change set is not a JSON object");
  const byKey = new Map(Object.entries(body).map(([key, value]) => [key.toLowerCase(), value]));
  const list = (key: string): Endpoint[] => {
    const value = byKey.get(key.toLowerCase());
    if (value === null || value === undefined) return [];
    if (!Array.isArray(value)) throw new BadRequestError(`${key} is not a list`);
    return value.map((item, i) => readEndpoint(item, `${key}[${i}]`));
  };
  const changes = { create: list("create"), updateOld: list("updateOld"), updateNew: list("updateNew"), delete: list("delete") };
  // updateOld and updateNew come in pairs, but the plan needs none: what is old goes, what is new comes.
  return changes;
}

export function readEndpoint(value: unknown, where: string): Endpoint {
  const e = value as Partial<Endpoint> | null;
  if (typeof e !== "object" || e === null || typeof e.dnsName !== "string" || typeof e.recordType !== "string") {
    throw new BadRequestError(`${where} is not an endpoint (dnsName, recordType, targets)`);
  }
  const targets = e.targets ?? [];
  if (!Array.isArray(targets) || targets.some((t) => typeof t !== "string"))
    throw new BadRequestError(`${where}.targets is not a list of strings`);
  return { ...e, dnsName: e.dnsName, recordType: e.recordType, targets } as Endpoint;
}

/** `www.example.com`: lower case, no trailing dot (how ExternalDNS's registry keys names). */
export const endpointName = (name: string) => asciiName(name);

const isRegistryText = (text: string) => text.startsWith("heritage=external-dns");

/** A target as GET /records returns it, from one of HostUp's values (@hostup/dns's terms). */
export function targetOf(type: string, value: RecordValue): string {
  switch (type) {
    case "TXT":
      return isRegistryText(value.value) ? `"${value.value}"` : value.value;
    case "MX":
      return `${value.priority ?? 0} ${canonicalTarget(value.value)}`;
    case "SRV": {
      const host = canonicalTarget(value.value);
      return `${value.priority ?? 0} ${value.weight ?? 0} ${value.port ?? 0} ${host === "." ? host : `${host}.`}`;
    }
    case "CNAME":
    case "ALIAS":
    case "NS":
      return canonicalTarget(value.value);
    case "A":
      return canonicalIpv4(value.value.trim()) ?? value.value.trim();
    case "AAAA":
      return canonicalIpv6(value.value.trim()) ?? value.value.trim().toLowerCase();
    default:
      return value.value;
  }
}

/** The HostUp value a target stands for; throws BadRequestError for a target that cannot be one. */
export function recordValueOf(type: string, target: string): RecordValue {
  const fields = target.trim().split(/\s+/);
  switch (type) {
    case "TXT":
      return { value: unquoteTxt(target) };
    case "MX": {
      const [priority, host] = fields;
      if (fields.length !== 2 || !/^\d+$/.test(priority ?? ""))
        throw new BadRequestError(`MX target ${JSON.stringify(target)} is not "<preference> <host>"`);
      return { priority: Number(priority), value: canonicalTarget(host!) };
    }
    case "SRV": {
      const [priority, weight, port, host] = fields;
      if (fields.length !== 4 || ![priority, weight, port].every((n) => /^\d+$/.test(n ?? ""))) {
        throw new BadRequestError(`SRV target ${JSON.stringify(target)} is not "<priority> <weight> <port> <host>"`);
      }
      return { priority: Number(priority), weight: Number(weight), port: Number(port), value: canonicalTarget(host!) };
    }
    case "CNAME":
    case "NS":
      return { value: canonicalTarget(target) };
    default:
      return { value: target.trim() };
  }
}

/**
 * The endpoint in the form GET /records will give back (the answer of POST /adjustendpoints): a name
 * lower case without its dot, each target canonical, a TTL HostUp accepts, and no provider-specific
 * property (this provider has none; one left in would differ from what GET returns, an update every
 * interval). Never drops an endpoint: one dropped here would make ExternalDNS delete what it owns.
 */
export function adjustEndpoint(endpoint: Endpoint): Endpoint {
  const type = endpoint.recordType.toUpperCase();
  // HostUp has no routing policies: a set identifier would never come back from GET /records (an update every interval).
  const { providerSpecific: _, setIdentifier: __, ...rest } = endpoint;
  const adjusted: Endpoint = { ...rest, dnsName: endpointName(endpoint.dnsName), recordType: type };
  if (ENDPOINT_TYPES.has(type)) {
    adjusted.targets = endpoint.targets.map((target) => {
      try {
        return targetOf(type, recordValueOf(type, target));
      } catch {
        return target; // refused at apply, with its reason: adjusting it would hide the mistake
      }
    });
  }
  if (endpoint.recordTTL) adjusted.recordTTL = Math.min(MAX_TTL, Math.max(MIN_TTL, endpoint.recordTTL));
  return adjusted;
}
