/**
 * Run a command and measure its wall time and the CPU time of its whole process tree. Chromium's renderer,
 * GPU and utility processes are not waited for by the process we start, so the kernel's "children" CPU
 * counters miss most of a print; this samples /proc every 40 ms instead and keeps each process's last
 * figure (a process that lives less than one interval is missed: a few ms). Linux only; elsewhere the CPU
 * time is undefined.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface Measured {
  ms: number;
  /** CPU (user + system) of the process and every descendant, ms; undefined where /proc is missing. */
  cpuMs: number | undefined;
  stdout: string;
  stderr: string;
}

const TICKS_PER_SECOND = 100;

/** Every process's parent and CPU ticks so far. */
function snapshot(): Map<number, { parent: number; ticks: number }> {
  const table = new Map<number, { parent: number; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended between listing and reading
    }
  }
  return table;
}

/** Run `command args` to the end; rejects with its stderr if it fails. */
export function measureProcess(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Measured> {
  const hasProc = (() => {
    try {
      readdirSync('/proc/self');
      return true;
    } catch {
      return false;
    }
  })();
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const seen = new Map<number, number>();
    const sample = () => {
      const table = snapshot();
      for (const [pid, { ticks }] of table) {
        let at: number | undefined = pid;
        for (let depth = 0; at !== undefined && at > 1 && depth < 32; depth++) {
          if (at === child.pid) {
            seen.set(pid, Math.max(seen.get(pid) ?? 0, ticks));
            break;
          }
          at = table.get(at)?.parent;
        }
      }
    };
    const timer = hasProc ? setInterval(sample, 40) : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${stderr}`));
      const ticks = [...seen.values()].reduce((a, b) => a + b, 0);
      resolve({ ms, cpuMs: hasProc ? (ticks * 1000) / TICKS_PER_SECOND : undefined, stdout, stderr });
    });
  });
}
