// `hostup dns …`: DNS zones and their records. Zones by name or `zone_…` ID; records by `drr_…` ID or
// by type, name and value. Adds are exactly-once (the SDK's ensureDnsRecord lists before it creates, and
// again after a lost answer), removes delete only what matches and count what they deleted.
import { asciiName, filterName } from "@hostup/dns";
import { Argument, type Command } from "commander";
import { type DnsRecord, type DnsRecordType, type DnsZoneSummary, HostupApiError, type HostupClient } from "@hostup/sdk";
import { UsageError } from "../config.js";
import { type CommandContext, wholeNumber } from "../context.js";
import { type RecordSelector, recordSelector, recordType } from "../dns-args.js";
import { type RecordChanges, recordColumns, recordRows, replacement, sameRecord, shownValue } from "../dns-records.js";
import { zoneIdOf } from "../dns-zone.js";
import { table } from "../output.js";
import { addDnsSyncCommands } from "./dns-sync.js";

// RFC 2181: a TTL is an unsigned 31-bit number. The API's own range is not documented.
const ttlOption = wholeNumber("--ttl", 1, 2 ** 31 - 1);
const ZONE_ARG = "zone name (a trailing dot accepted) or zone_ ID";
const sixteenBits = (name: string) => wholeNumber(name, 0, 65_535);

type RecordOptions = Omit<RecordChanges, "value">;

export function addDnsCommands(program: Command, ctx: CommandContext): void {
  const dns = program
    .command("dns")
    .description("list DNS zones; list, add, change and remove their records; export, plan and apply a zone file");
  dns
    .command("zones")
    .description("list the account's DNS zones (all pages)")
    .option("--name <zone>", "only the zone with this exact name")
    .option("--limit <n>", "stop after n zones", wholeNumber("--limit"))
    .action(async (options: { name?: string; limit?: number }) => {
      const { hostup, asJson } = ctx.connect();
      const query = options.name ? { name: asciiName(options.name) } : {};
      const zones: DnsZoneSummary[] = [];
      for await (const zone of hostup.iterateDnsZones(query, { maxItems: options.limit })) zones.push(zone);
      ctx.print(asJson, zones, () =>
        table(zones, [
          ["id", "ID"],
          ["name", "NAME"],
          ["zoneStatus", "STATUS"],
          ["kind", "KIND"],
          ["recordCount", "RECORDS"],
        ]),
      );
    });
  dns
    .command("records")
    .description("list a zone's records (names relative to the zone, TXT values unquoted; raw API records with --json)")
    .argument("<zone>", ZONE_ARG)
    .option("--type <type>", "only records of this type", recordType)
    .option("--name <name>", "only records of this name: relative (`www`, `@`), full or with a trailing dot")
    .action(async (zone: string, options: { type?: DnsRecordType; name?: string }) => {
      const { hostup, asJson } = ctx.connect();
      const query = { ...(options.type && { type: options.type }), ...(options.name !== undefined && { name: filterName(options.name) }) };
      const answer = await hostup.listDnsZoneRecords(await zoneIdOf(hostup, zone), query);
      const records = answer.records ?? [];
      const zoneName = answer.zone.name ?? zone;
      ctx.print(asJson, records, () => table(recordRows(records, zoneName), recordColumns(records)));
    });
  dns
    .command("add")
    .description("add a record unless the zone already has it (exactly once, also after a timeout)")
    .argument("<zone>", ZONE_ARG)
    .addArgument(new Argument("<type>", "record type (A, AAAA, CNAME, ALIAS, MX, TXT, NS, SRV, CAA, TLSA)").argParser(recordType))
    .argument("<name>", "name relative to the zone (`@` for the apex), or the full name")
    .argument("<value>", "the value (TXT: the text, unquoted)")
    .option("--ttl <seconds>", "time to live (the API's default when left out)", ttlOption)
    .option("--priority <n>", "MX/SRV priority", sixteenBits("--priority"))
    .option("--weight <n>", "SRV weight", sixteenBits("--weight"))
    .option("--port <n>", "SRV port", sixteenBits("--port"))
    .action(async (zone: string, type: DnsRecordType, name: string, value: string, options: RecordOptions) => {
      if (!name.trim() || !value.trim()) throw new UsageError("The record name and value must not be empty (`@` is the apex).");
      const { hostup, asJson } = ctx.connect();
      const spec = {
        type,
        name,
        value,
        ...(options.ttl !== undefined && { ttl: options.ttl }),
        ...(options.priority !== undefined && { priority: options.priority }),
        ...(options.weight !== undefined && { weight: options.weight }),
        ...(options.port !== undefined && { port: options.port }),
      };
      const { record, created } = await hostup.ensureDnsRecord(await zoneIdOf(hostup, zone), spec);
      const ttlNote = !created && options.ttl !== undefined && record.ttl !== options.ttl ? ` (ttl ${record.ttl} kept: use dns set)` : "";
      ctx.print(asJson, { created, record }, () => `${created ? "created" : "exists"} ${describe(record)}${ttlNote}`);
    });
  dns
    .command("set")
    .description("change one record, given by drr_ ID or by <type> <name> <value> (at least one option)")
    .argument("<zone>", ZONE_ARG)
    .argument("<record...>", "the record's drr_ ID, or its type, name and current value")
    .option("--value <value>", "the new value (TXT: unquoted)")
    .option("--ttl <seconds>", "the new time to live", ttlOption)
    .option("--priority <n>", "the new MX/SRV priority", sixteenBits("--priority"))
    .option("--weight <n>", "the new SRV weight", sixteenBits("--weight"))
    .option("--port <n>", "the new SRV port", sixteenBits("--port"))
    .action(async (zone: string, words: string[], options: RecordChanges) => {
      const selector = recordSelector(words, "dns set", true);
      const changes = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
      if (Object.keys(changes).length === 0)
        throw new UsageError("Nothing to change: pass --value, --ttl, --priority, --weight or --port.");
      if (options.value !== undefined && !options.value.trim()) throw new UsageError("--value must not be empty.");
      const { hostup, asJson } = ctx.connect();
      const zoneId = await zoneIdOf(hostup, zone);
      const { record, zoneName } = await oneRecord(hostup, zoneId, zone, selector);
      const updated = await hostup.updateDnsRecord(zoneId, record.id, replacement(record, zoneName, options));
      ctx.print(asJson, updated, () => `updated ${describe({ ...record, ...updated })}`);
    });
  dns
    .command("rm")
    .description("delete a record by drr_ ID, or the records of <type> <name> with <value> (every value: --all)")
    .argument("<zone>", ZONE_ARG)
    .argument("<record...>", "a drr_ ID, or a type, a name and the value to delete (without the value: --all)")
    .option("--all", "delete every record of this type and name (when no value is given)")
    .action(async (zone: string, words: string[], options: { all?: boolean }) => {
      const selector = recordSelector(words, "dns rm", false);
      if ("id" in selector || selector.value !== undefined) {
        if (options.all) throw new UsageError("--all is for a type and name without a value: pass the value or --all, not both.");
      } else if (!options.all) {
        throw new UsageError(
          `Refusing to delete every ${selector.type} record named ${selector.name} without --all. ` +
            "Pass the value to delete only the record that has it.",
        );
      }
      const { hostup, asJson } = ctx.connect();
      const zoneId = await zoneIdOf(hostup, zone);
      const deleted =
        "id" in selector ? await deleteById(hostup, zoneId, selector.id) : (await hostup.removeDnsRecords(zoneId, selector)).deleted;
      ctx.print(
        asJson,
        { deleted },
        () => `deleted ${deleted} record${deleted === 1 ? "" : "s"}${deleted === 0 ? " (none matched: nothing to do)" : ""}`,
      );
    });
  addDnsSyncCommands(dns, ctx);
}

/** `drr_… TYPE name value (ttl N)`. */
const describe = (record: DnsRecord) =>
  `${record.id}: ${record.type} ${record.name ?? "@"} ${JSON.stringify(shownValue(record))}${record.ttl === undefined ? "" : ` (ttl ${record.ttl})`}`;

/** A record already gone (404) is not an error: there is nothing left to delete. A zone that is not there is. */
async function deleteById(hostup: HostupClient, zoneId: string, recordId: string): Promise<number> {
  try {
    await hostup.deleteDnsRecord(zoneId, recordId);
    return 1;
  } catch (error) {
    if (!(error instanceof HostupApiError && error.status === 404)) throw error;
    await hostup.getDnsZone(zoneId); // the 404 of a zone_ ID that does not exist, if that was it
    return 0;
  }
}

/** The one record the selector names, and the zone's name; no match or several is a usage error. */
async function oneRecord(hostup: HostupClient, zoneId: string, zone: string, selector: RecordSelector) {
  if ("id" in selector) {
    // The zone with all its records: there is no route for one record.
    const answer = await hostup.getDnsZone(zoneId);
    const record = answer.records?.find((r) => r.id === selector.id);
    if (!record) throw new UsageError(`No record ${selector.id} in the zone ${zone} (list them with: hostup dns records ${zone}).`);
    return { record, zoneName: answer.zone.name ?? zone };
  }
  const answer = await hostup.listDnsZoneRecords(zoneId, { type: selector.type, name: filterName(selector.name) });
  const zoneName = answer.zone.name ?? zone;
  const matches = (answer.records ?? []).filter((r) => sameRecord(r, zoneName, selector));
  if (matches.length === 1) return { record: matches[0]!, zoneName };
  const what = `${selector.type} ${selector.name} ${JSON.stringify(selector.value)}`;
  throw new UsageError(
    `${matches.length === 0 ? "No record matches" : `${matches.length} records match`} ${what} in ${zoneName}: ` +
      `pass one record's drr_ ID (list them with: hostup dns records ${zone} --type ${selector.type} --name ${selector.name}).`,
  );
}
