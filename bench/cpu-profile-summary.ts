// Where a server's CPU went, from a `node --cpu-prof` profile: self time summed by function and by file or
// package, and the inclusive share of Veileder's own functions, over the profile's last seconds (the bench's,
// not the start-up's). Shares are of the samples that were not idle (docs/performance.md).
//
//   npx tsx bench/cpu-profile-summary.ts DIR/CPU.….cpuprofile --seconds 24 --top 30
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { seconds: { type: 'string', default: '24' }, top: { type: 'string', default: '30' } },
});
const options = z
  .object({
    file: z.string().min(1, 'give the .cpuprofile file'),
    seconds: z.coerce.number().positive(),
    top: z.coerce.number().int().positive(),
  })
  .parse({ file: positionals[0], seconds: values.seconds, top: values.top });

const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string() }),
      children: z.array(z.number()).optional(),
    }),
  ),
  startTime: z.number(),
  endTime: z.number(),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});
const profile = profileSchema.parse(JSON.parse(await readFile(options.file, 'utf8')));

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

// Paths inside this checkout or node_modules, shortened so one file reads the same on any machine.
const short = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, 'node_modules/')
    .replace(new RegExp(`^${process.cwd()}/`), '');
const label = (frame: { functionName: string; url: string }) =>
  `${frame.functionName || '(anonymous)'} ${short(frame.url)}`.trim();
const fileOf = (url: string) => {
  const path = short(url);
  const dependency = path.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (dependency) return dependency[1]!;
  return path.split('/').slice(0, 2).join('/');
};

const self = new Map<string, number>();
const byFile = new Map<string, number>();
const inclusive = new Map<string, number>();
const add = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
const from = profile.endTime - options.seconds * 1e6;
let time = profile.startTime;
let idle = 0;
let busy = 0;
profile.samples.forEach((id, index) => {
  time += profile.timeDeltas[index]!;
  if (time < from) return;
  const node = nodes.get(id)!;
  if (node.callFrame.functionName === '(idle)') {
    idle++;
    return;
  }
  busy++;
  add(self, label(node.callFrame));
  add(byFile, node.callFrame.url ? fileOf(node.callFrame.url) : node.callFrame.functionName);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
    const frame = nodes.get(at)!.callFrame;
    if (!/^(src|adapters)\//.test(short(frame.url))) continue;
    const key = label(frame);
    if (seen.has(key)) continue;
    seen.add(key);
    add(inclusive, key);
  }
});

const share = (count: number) => `${((100 * count) / busy).toFixed(1).padStart(5)} %`;
const top = (counts: Map<string, number>) =>
  [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, options.top)
    .map(([key, count]) => `${share(count)}  ${key}`)
    .join('\n');
process.stdout.write(
  `${idle + busy} samples in the last ${options.seconds} s, ${idle} idle; shares of the ${busy} busy ones\n\n` +
    `self time by function\n${top(self)}\n\nself time by file or package\n${top(byFile)}\n\n` +
    `inclusive, Veileder's own functions\n${top(inclusive)}\n`,
);
