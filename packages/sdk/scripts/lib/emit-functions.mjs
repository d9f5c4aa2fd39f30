// generated/functions.ts: one standalone function per operation, for apps that count their bytes
// (`import { syncDomainStatus } from "@hostup/sdk/operations"`). Each holds its own operation's
// constant from generated/operations.ts, so a bundler keeps only the functions an app imports, and
// the first load does not grow with the API (src/README.md, BENCHMARKS.md §2).
import { HEADER } from "./header.mjs";
import { methodDocLines } from "./emit-methods.mjs";
import { jsDoc } from "./literal.mjs";

export function emitFunctions(model) {
  const members = model.operations.map((op) => {
    const doc = jsDoc([
      ...methodDocLines(op),
      "",
      `\`${op.id}(hostup, …)\` is \`hostup.${op.id}(…)\`; \`hostup\` comes from createHostupCore or createHostupClient.`,
    ]);
    return `${doc}\nexport const ${op.id} = /* @__PURE__ */ operationFunction<HostupMethods["${op.id}"]>(operation.${op.id});`;
  });
  return `${HEADER}
import { operationFunction } from "../eager/operation-function.js";
import type { HostupMethods } from "./methods.js";
import * as operation from "./operations.js";

${members.join("\n\n")}
`;
}
