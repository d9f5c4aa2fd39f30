// Every tool, in the order `tools/list` shows them.
import type { Tool } from "../tool.js";
import { dnsTools } from "./dns.js";
import { domainTools } from "./domains.js";
import { dyndnsTools } from "./dyndns.js";
import { jobTools } from "./jobs.js";
import { redirectTools } from "./redirects.js";
import { zoneTools } from "./zones.js";

export const TOOLS: ReadonlyArray<Tool> = [...domainTools, ...dnsTools, ...zoneTools, ...redirectTools, ...dyndnsTools, ...jobTools];
