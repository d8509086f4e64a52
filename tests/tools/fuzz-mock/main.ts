// `npm run fuzz:mock -- --flows N --seed S [--lanes L] [--steps M] [--mock-only] [--plant FAULT]
//    [--budget SECONDS] [--keep-going] [--verbose] [--profile]`
// Random MUC flows on the mock and on a clean Prosody 0.12 (its own temporary dir and OS-given ports),
// transcripts compared after every step; on a divergence the flow is shrunk, printed, and written as a
// regression script under tests/fixtures/fuzz/ (a draft to check on Prosody). `--lanes L` runs L flows
// side by side (L fast-check runs on seeds derived from S; the same S and L give the same flows);
// `--profile` prints where the wall time went.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createNodeTransport } from '../../../src/runner/transports/node';
import { prosodyInstalled, repoRoot, startTestProsody } from '../../conformance-prosody';
import { fuzz, type Sides } from './fuzz';
import { Coverage } from './coverage';
import { Profile } from './profile';
import { mockWithFault, PLANTS } from './plant';
import { FUZZ_PROSODY } from './admins';
import { toScs } from './scs';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}
const flag = (name: string) => process.argv.includes(`--${name}`);

async function main(): Promise<number> {
  const flows = Number(arg('flows') ?? 100);
  const seed = Number(arg('seed') ?? Date.now() % 2 ** 31);
  const steps = Number(arg('steps') ?? 24);
  const plant = arg('plant');
  const budget = arg('budget');
  const mockOnly = flag('mock-only');
  const lanes = Number(arg('lanes') ?? 1);
  const profile = flag('profile') ? new Profile() : undefined;
  if (plant !== undefined && !(plant in PLANTS)) {
    console.error(`unknown --plant ${plant}; one of: ${Object.keys(PLANTS).join(', ')}`);
    return 2;
  }
  if (!mockOnly && !prosodyInstalled()) {
    console.error('prosody is not installed: use --mock-only for a self-check of the harness');
    return 2;
  }
  // Stopped below, or at exit at the latest (the harness's exit hook).
  // Each admin flow's admin is an account of its own, a MUC admin on both servers (admins.ts).
  const prosody = mockOnly ? undefined : await startTestProsody('mock-fuzz', FUZZ_PROSODY);
  const sides: Sides = {
    mock: (admins) => mockWithFault(plant, admins),
    oracle: prosody ? () => createNodeTransport(prosody.wsUrl) : undefined,
  };
  const coverage = new Coverage();
  console.log(
    `fuzz:mock seed=${seed} flows=${flows} lanes=${lanes} steps<=${steps}${plant ? ` plant=${plant}` : ''}${mockOnly ? ' (mock only)' : ''}`,
  );
  const t0 = Date.now();
  const result = await fuzz(sides, {
    flows,
    seed,
    maxSteps: steps,
    coverage,
    lanes,
    profile,
    keepGoing: flag('keep-going'),
    budgetMs: budget === undefined ? undefined : Number(budget) * 1000,
    onFlow: (n) => {
      if (n % 50 === 0) console.log(`  ${n} flows, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    },
  });
  const secs = (Date.now() - t0) / 1000;
  prosody?.stop();
  if (profile)
    console.log(`\nwhere the time went (phases of concurrent flows overlap):\n${profile.report()}`);
  console.log(`\ncoverage (flows per cell: kind/addressee x sender role/room state):\n${coverage.table()}`);
  const thin = coverage.thin(5);
  console.log(`cells hit by fewer than 5 flows: ${thin.length}`);
  console.log(`\n${result.flowsRun} flows passed in ${secs.toFixed(1)} s (seed ${seed})`);
  if (result.error) {
    console.log(`harness error: ${result.error}`);
    return 1;
  }
  if (result.classes && result.classes.length > 0) {
    console.log(`\n${result.classes.length} divergence classes (first flow, flows):`);
    for (const c of result.classes.sort((a, b) => a.firstFlow - b.firstFlow)) {
      console.log(`  #${c.firstFlow} x${c.count}  ${c.signature}`);
      if (flag('verbose'))
        console.log(
          `      flow:\n        ${c.exampleFlow.join('\n        ')}\n      ${c.example.detail.replace(/\n/g, '\n      ')}`,
        );
    }
    return 1;
  }
  if (!result.failure) {
    console.log('0 divergences');
    return 0;
  }
  const { divergence: d, flow, shrinks } = result.failure;
  console.log(
    `\nDIVERGENCE after ${result.flowsRun} passing flows (shrunk ${shrinks} times), step ${d.step}, client ${d.client}`,
  );
  console.log(`action: ${d.action}`);
  console.log(`mock:\n  ${d.mock.join('\n  ') || '(nothing)'}`);
  console.log(`prosody:\n  ${d.oracle.join('\n  ') || '(nothing)'}`);
  console.log(`flow:\n  ${flow.steps.map((s) => JSON.stringify(s.action)).join('\n  ')}`);
  const dir = path.join(repoRoot, 'tests/fixtures/fuzz');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `draft-seed${seed}.scs`);
  writeFileSync(file, toScs(flow, `Shrunk fuzz flow (seed ${seed}): ${d.detail.split('\n')[0]}`));
  console.log(`\nregression draft: ${path.relative(repoRoot, file)}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
