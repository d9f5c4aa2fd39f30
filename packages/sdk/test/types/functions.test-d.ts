// Compile-time tests of the standalone functions (`@hostup/sdk/operations`): the client first, then
// exactly the method's arguments and result (checked by tsc).
import { expectTypeOf } from "vitest";
import {
  createHostupClient,
  createHostupCore,
  type components,
  type HostupCore,
  type RequestOptions,
  type WithResponse,
} from "../../src/index.js";
import { createDynDnsConfig, deleteDomain, syncDomainStatus, updateDomainRedirect } from "../../src/operations.js";

type Schemas = components["schemas"];
const core = createHostupCore({ apiKey: "hk_test" });
const client = createHostupClient({ apiKey: "hk_test" });
const id = "dom_01hxa3b4c5d6e7f8g9h0j1k2m3";

export async function signatures() {
  expectTypeOf(syncDomainStatus).parameters.toEqualTypeOf<[hostup: HostupCore, id: string, options?: RequestOptions]>();
  expectTypeOf(syncDomainStatus(core, id)).resolves.toEqualTypeOf<Schemas["DomainStatusSyncResult"]>();
  // The full client is a core too.
  expectTypeOf(syncDomainStatus(client, id)).resolves.toEqualTypeOf<Schemas["DomainStatusSyncResult"]>();
  expectTypeOf(deleteDomain(core, id)).resolves.toEqualTypeOf<void>();
  expectTypeOf(updateDomainRedirect).parameters.toEqualTypeOf<
    [hostup: HostupCore, id: string, ruleId: string, body: Schemas["RedirectRuleUpdate"], options?: RequestOptions]
  >();
  expectTypeOf(createDynDnsConfig.withResponse(core, id, { hostname: "h.example.com", recordType: "AAAA" })).resolves.toEqualTypeOf<
    WithResponse<Schemas["DynDnsConfig"]>
  >();
  // The core has no methods: size-sensitive code cannot reach the table by accident.
  // @ts-expect-error
  core.syncDomainStatus;
  // @ts-expect-error a body is required
  await createDynDnsConfig(core, id);
  // @ts-expect-error the client comes first
  await syncDomainStatus(id);
  // @ts-expect-error an object with a preload is no client
  await syncDomainStatus({ preload: async () => {} }, id);
}
