// The service admin of the fuzzer's admin flows: an account of the flow's own on both servers.
//
// On one Prosody serving every flow, a single admin account (admin@localhost) carries its state from
// flow to flow (MAM switched on by a query, so later messages carry its <stanza-id/>; roster items and
// subscriptions, so a later initial presence probes or re-asks; offline messages; PEP nodes; private
// storage), where the mock starts each flow clean. So each admin flow logs in as an account of its own,
// `f<flow>xadmin@localhost`, that both servers count as a MUC service admin (owner of every room, user
// of the ad-hoc commands, MUC-SVC-6): Prosody through the MUC component's `admins` (a pool of such names,
// one per flow id, written into its config), the mock through the MUC service's `admins`. Being a MUC
// admin only, it is an ordinary account to the server (account/registered, not account/admin).
import type { TestProsodyOptions } from '../../support/prosody';
import { createMockServer, createInProcessTransport } from '../../../src/mock/index';
import { createMucService } from '../../../src/mock/muc/index';
import type { Component } from '../../../src/mock/component';
import type { InProcessTransport } from '../../../src/mock/inProcess';

/** Flow ids below this have an admin account in the oracle's config. */
export const ADMIN_POOL = 100_000;

/** The admin account of flow `flowId` (its tag is `f<flowId>x`). */
export function adminOf(flowId: number): string {
  if (!Number.isInteger(flowId) || flowId < 0 || flowId >= ADMIN_POOL)
    throw new Error(`flow ${flowId} has no admin account (the pool holds flows 0..${ADMIN_POOL - 1})`);
  return `f${flowId}xadmin@localhost`;
}

/** The MUC admins of the corpus config (MUC-SVC-6). */
const CORPUS_ADMINS = ['admin@localhost', 'Admin@localhost'];

/** Prosody for the fuzzer: the corpus config, with every flow's admin a MUC service admin. */
export const FUZZ_PROSODY: TestProsodyOptions = {
  mucOptions: [
    `admins = (function() local a = { ${CORPUS_ADMINS.map((j) => `"${j}"`).join(', ')} }; ` +
      `for i = 0, ${ADMIN_POOL - 1} do a[#a + 1] = "f" .. i .. "xadmin@localhost"; end; return a; end)()`,
  ],
};

/** A fresh mock whose MUC counts `admins` (the flow's admin, if any) as service admins. */
export function fuzzMock(admins: string[], wrap?: (muc: Component) => Component): InProcessTransport {
  const muc = createMucService({ admins: [...CORPUS_ADMINS, ...admins] });
  return createInProcessTransport(createMockServer({ components: [wrap ? wrap(muc) : muc] }));
}
