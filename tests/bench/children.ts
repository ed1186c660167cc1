/**
 * Servers under test run as child processes: started, watched (an unexpected exit is reported), and
 * always stopped with SIGTERM (then SIGKILL after a grace period), also when the benchmark fails or is
 * interrupted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface ServerChild {
  name: string;
  pid: number;
  url: string;
  proc: ChildProcess;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<string>;
  /** True once it ended without us asking it to. */
  crashed(): boolean;
  exitInfo(): string | null;
  /** The last lines it wrote to stderr/stdout. */
  tail(): string[];
  stop(graceMs?: number): Promise<string>;
}

const live = new Set<ServerChild>();

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** The stdout line that carries the URL. */
  ready: RegExp;
  timeoutMs: number;
  logFile?: string;
}

export function startServerChild(options: StartOptions): Promise<ServerChild> {
  const proc = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: WriteStream | null = options.logFile ? createWriteStream(options.logFile, { flags: 'w' }) : null;
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > 60) lines.shift();
    log?.write(`${line}\n`);
  };
  let stopping = false;
  let exitInfo: string | null = null;
  const exited = new Promise<string>((resolve) => {
    proc.once('exit', (code, signal) => {
      exitInfo = signal ? `signal ${signal}` : `code ${code}`;
      log?.end();
      resolve(exitInfo);
    });
    proc.once('error', (error) => {
      exitInfo = `spawn error: ${error.message}`;
      resolve(exitInfo);
    });
  });

  return new Promise<ServerChild>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      proc.kill('SIGKILL');
      reject(
        new Error(`${options.name} did not print its URL within ${options.timeoutMs} ms:\n  ${lines.join('\n  ')}`),
      );
    }, options.timeoutMs);

    createInterface({ input: proc.stderr }).on('line', keep);
    createInterface({ input: proc.stdout }).on('line', (line) => {
      keep(line);
      const url = options.ready.exec(line)?.[1];
      if (url && !settled) {
        settled = true;
        clearTimeout(timer);
        const child: ServerChild = {
          name: options.name,
          pid: proc.pid!,
          url,
          proc,
          exited,
          crashed: () => exitInfo !== null && !stopping,
          exitInfo: () => exitInfo,
          tail: () => [...lines],
          async stop(graceMs = 10_000) {
            stopping = true;
            if (exitInfo === null) {
              proc.kill('SIGTERM');
              const killer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
              await exited;
              clearTimeout(killer);
            }
            live.delete(child);
            return exitInfo ?? 'unknown';
          },
        };
        live.add(child);
        resolve(child);
      }
    });
    void exited.then((info) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(`${options.name} exited (${info}) before it was ready:\n  ${lines.join('\n  ')}`));
    });
  });
}

/** Stops every server still running (SIGTERM, then SIGKILL after the grace period). */
export async function stopAll(graceMs = 10_000): Promise<void> {
  await Promise.all([...live].map((child) => child.stop(graceMs)));
}

/** Last resort on process exit: no child outlives the benchmark. */
export function killAllNow(): void {
  for (const child of live) {
    if (child.exitInfo() === null) child.proc.kill('SIGKILL');
  }
}

/** CPU time (user + system) of a process in ms, from /proc (Linux); null elsewhere. */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ", field 3 is state; utime and stime are fields 14 and 15 → indexes 11 and 12.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** CPU time the whole machine spent busy (all cores, not idle or waiting for I/O) in ms, from /proc/stat; null elsewhere. */
export function machineBusyMs(): number | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((sum, value) => sum + value, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
    return ((total - idle) * 1000) / 100;
  } catch {
    return null;
  }
}
