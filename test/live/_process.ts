import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';

/** How a process ended. */
export interface ExitStatus {
  /** Exit code, or null when a signal ended it. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A process started in its own process group; its PID is also the group's id. */
export interface GroupProcess {
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resolves when the process has exited. */
  readonly exited: Promise<ExitStatus>;
  /** The status once it has exited. */
  status(): ExitStatus | undefined;
}

export interface SpawnGroupOptions {
  /** The whole environment of the process; nothing is inherited. */
  readonly env: Record<string, string>;
  /** Append stdout and stderr to this file. */
  readonly logFile?: string;
  /** Keep stdout and stderr in memory (at most `captureLimit` characters). */
  readonly capture?: boolean;
}

/** Every process group started by this module that has not exited yet, by PID. */
const running = new Map<number, GroupProcess>();

// A last resort when the test runner exits without cleaning up: whatever this process started
// must not outlive it.
process.on('exit', () => {
  for (const pid of running.keys()) {
    signalGroup(pid, 'SIGKILL');
  }
});

/**
 * Starts `command` as the leader of a new process group, so that it and everything it starts can
 * be signalled together by PID.
 */
export function spawnGroup(command: string, args: readonly string[], options: SpawnGroupOptions): GroupProcess & { output(): string } {
  const log = options.logFile !== undefined ? fs.openSync(options.logFile, 'a') : undefined;
  const stdio: ('ignore' | 'pipe' | number)[] = log !== undefined
    ? ['ignore', log, log]
    : ['ignore', options.capture ? 'pipe' : 'ignore', options.capture ? 'pipe' : 'ignore'];
  let child: ChildProcess;
  try {
    child = spawn(command, args, { detached: true, stdio, env: options.env });
  } finally {
    if (log !== undefined) fs.closeSync(log);
  }
  if (child.pid === undefined) {
    throw new Error(`could not start ${command}: is it installed and on PATH?`);
  }
  const pid = child.pid;
  let captured = '';
  const keep = (chunk: Buffer) => {
    captured = (captured + chunk.toString()).slice(-CAPTURE_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let status: ExitStatus | undefined;
  const exited = new Promise<ExitStatus>((resolve) => {
    // 'close' rather than 'exit': it also waits for the output pipes to drain.
    child.once('close', (code, signal) => {
      status = { code, signal };
      running.delete(pid);
      resolve(status);
    });
    child.once('error', () => {
      status = status ?? { code: 127, signal: null };
      running.delete(pid);
      resolve(status);
    });
  });
  const started = { pid, child, exited, status: () => status, output: () => captured };
  running.set(pid, started);
  return started;
}

const CAPTURE_LIMIT = 64 * 1024;

/** Sends `signal` to every process of the group led by `pid`. False if the group is gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Sends `signal` to the one process `pid`. False if it is gone. */
export function signalProcess(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Waits for `proc` to exit, at most `timeoutMs`; undefined if it is still running then. */
export async function waitExit(proc: GroupProcess, timeoutMs: number): Promise<ExitStatus | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    return await Promise.race([proc.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Kills the whole group with SIGKILL and waits for its leader to be reaped. Throws if it does not
 * go away within `timeoutMs`, which would mean something outside our control holds it.
 */
export async function killGroup(proc: GroupProcess, timeoutMs = 10_000, scope: 'container' | 'process' = 'container'): Promise<ExitStatus> {
  // A process can leave the group (GNU timeout moves itself and its command into a group of their
  // own), but not the pod's mount namespace: kill those too, as the kubelet kills a container whole.
  // An exec (probe, hook, kubectl exec) shares the container's namespace, so one that runs too
  // long is killed with its descendants only, and the container keeps running.
  const namespace = scope === 'container' ? privateMountNamespace(proc.pid) : undefined;
  const descendants = scope === 'process' ? descendantsOf(proc.pid) : [];
  signalGroup(proc.pid, 'SIGKILL');
  if (namespace !== undefined) killMountNamespace(namespace);
  for (const pid of descendants) signalProcess(pid, 'SIGKILL');
  const status = await waitExit(proc, timeoutMs);
  if (status === undefined) {
    throw new Error(`process group ${proc.pid} did not exit within ${timeoutMs} ms of SIGKILL`);
  }
  return status;
}

export interface RunResult extends ExitStatus {
  readonly output: string;
  readonly timedOut: boolean;
  readonly durationMs: number;
}

/** Runs a command to completion, killing its group after `timeoutMs`. */
export async function runBounded(command: string, args: readonly string[], env: Record<string, string>, timeoutMs: number): Promise<RunResult> {
  const startedAt = Date.now();
  const proc = spawnGroup(command, args, { env, capture: true });
  let status = await waitExit(proc, timeoutMs);
  const timedOut = status === undefined;
  if (status === undefined) {
    status = await killGroup(proc);
  }
  return { ...status, output: proc.output(), timedOut, durationMs: Date.now() - startedAt };
}

/** The PIDs of process groups started here that are still running. */
export function runningGroups(): number[] {
  return [...running.keys()];
}

/** The mount namespace of `pid`, unless it is this process's own (so never the host's). */
function privateMountNamespace(pid: number): string | undefined {
  try {
    const namespace = fs.readlinkSync(`/proc/${pid}/ns/mnt`);
    return namespace === fs.readlinkSync('/proc/self/ns/mnt') ? undefined : namespace;
  } catch {
    return undefined;
  }
}

/** The PIDs of every process descended from `pid` (children, their children, …), from /proc. */
function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent is the 2nd field after the command, which is in parentheses and may hold spaces.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone already
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** SIGKILLs, by PID, every process in the private mount namespace `namespace`. */
function killMountNamespace(namespace: string): void {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readlinkSync(`/proc/${entry}/ns/mnt`) === namespace) process.kill(Number(entry), 'SIGKILL');
    } catch {
      // gone already, or not ours to read
    }
  }
}
