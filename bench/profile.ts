/**
 * Summarise a V8 `.cpuprofile` (from `node --cpu-prof`): self time by module and by function.
 *
 * Usage: node --import tsx bench/profile.ts <file.cpuprofile> [top=25]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time in ms per key, where `keyOf` names a profile node (its module, its function, …). */
export function selfTime(profile: Profile, keyOf: (node: ProfileNode) => string): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const key = keyOf(node);
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return totals;
}

/** The package (`node_modules/<name>`), our own file, or the V8/Node bucket a frame belongs to. */
export function moduleOf(url: string): string {
  if (!url) return '(native/gc/idle)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const own = /\/(lib|src|bench)\/(.*)$/.exec(url);
  return own ? `${own[1]}/${own[2]}` : url;
}

function table(totals: Map<string, number>, top: number, total: number): string {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, ms]) => `${ms.toFixed(1).padStart(9)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${key}`)
    .join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, topArg] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('Usage: node --import tsx bench/profile.ts <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const top = Number(topArg ?? 25);
  const total = profile.timeDeltas.reduce((a, b) => a + b, 0) / 1000;
  process.stdout.write(`total ${total.toFixed(0)} ms\n\nself time by module:\n`);
  process.stdout.write(`${table(selfTime(profile, (n) => moduleOf(n.callFrame.url)), top, total)}\n\nself time by function:\n`);
  const fn = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}  ${moduleOf(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  process.stdout.write(`${table(selfTime(profile, fn), top, total)}\n`);
}
