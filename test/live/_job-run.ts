import { Job } from 'kubernetes-models/batch/v1';
import type { Pod } from './_pod';
import { ExitStatus } from './_process';
import type { LocalKube } from './harness';

/** What to change when starting the Job, for tests that need a shorter wait, say. */
export interface JobOptions {
  /** Env values that replace (or add to) the container's. */
  readonly env?: Record<string, string>;
  /** @default - the Job's spec.backoffLimit */
  readonly backoffLimit?: number;
}

export interface JobAttempt {
  readonly pod: string;
  readonly address: string;
  readonly exit: ExitStatus;
  readonly output: string;
  readonly durationMs: number;
}

export interface JobResult {
  readonly succeeded: boolean;
  /** Why the Job failed, as Kubernetes names it. */
  readonly reason?: 'BackoffLimitExceeded' | 'DeadlineExceeded' | 'Cancelled';
  readonly attempts: readonly JobAttempt[];
  readonly durationMs: number;
}

/**
 * One run of a Job: a pod per attempt (restartPolicy Never), up to backoffLimit retries with the
 * Job controller's back-off (10 s doubling, scaled), all within activeDeadlineSeconds.
 */
export class JobRun {
  public readonly name: string;
  public readonly startedAt = Date.now();
  /** Resolves when the Job has succeeded or failed. */
  public readonly done: Promise<JobResult>;
  public readonly attempts: JobAttempt[] = [];

  private readonly kube: LocalKube;
  private current?: Pod;
  private cancelled = false;
  private wake?: () => void;

  constructor(kube: LocalKube, job: Job, options: JobOptions) {
    this.kube = kube;
    this.name = job.metadata!.name!;
    this.done = this.run(job, options);
    // A caller that never awaits `done` must not see an unhandled rejection.
    this.done.catch(() => undefined);
  }

  /** Waits for the Job to finish, at most `timeoutMs`; throws on timeout. */
  public async result(timeoutMs: number): Promise<JobResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Job ${this.name} did not finish within ${timeoutMs} ms; output so far:\n${this.output()}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The output of every attempt so far, the running one included. */
  public output(): string {
    return [...this.attempts.map((a) => a.output), this.current?.logs() ?? ''].join('');
  }

  /**
   * Kills the pod of the running attempt with SIGKILL (its node died, say); the Job then retries
   * as Kubernetes would. False when no attempt is running.
   */
  public async killCurrentAttempt(): Promise<boolean> {
    const pod = this.current;
    if (!pod) return false;
    this.kube.event(`job ${this.name}: killing the pod of the running attempt, ${pod.name}`);
    await pod.kill();
    return true;
  }

  /** Stops the Job, killing its running pod. */
  public async cancel(): Promise<void> {
    this.cancelled = true;
    this.wake?.();
    const pod = this.current;
    if (pod) {
      await pod.kill();
    }
    await this.done.catch(() => undefined);
  }

  private async run(job: Job, options: JobOptions): Promise<JobResult> {
    const backoffLimit = options.backoffLimit ?? job.spec?.backoffLimit ?? 6;
    const deadlineMs = (job.spec?.activeDeadlineSeconds ?? Infinity) * 1000;
    const env = options.env ?? {};
    const finish = (succeeded: boolean, reason?: JobResult['reason']): JobResult => {
      this.kube.event(`job ${this.name}: ${succeeded ? 'succeeded' : `failed (${reason})`}`);
      return { succeeded, reason, attempts: this.attempts, durationMs: Date.now() - this.startedAt };
    };
    for (let attempt = 0; attempt <= backoffLimit; attempt++) {
      if (attempt > 0) {
        await this.pause(Math.min(10_000 * 2 ** (attempt - 1), 360_000) * this.kube.timeScale);
      }
      if (this.cancelled) return finish(false, 'Cancelled');
      const pod = this.kube.createJobPod(job, env);
      this.current = pod;
      const startedAt = Date.now();
      this.kube.endpointsChanged();
      await pod.startContainer();
      const left = deadlineMs - (Date.now() - this.startedAt);
      let exit = await pod.waitForExit(Math.max(0, Math.min(left, 2 ** 31 - 1)));
      const overDeadline = exit === undefined;
      if (overDeadline) {
        await pod.kill();
        exit = { code: null, signal: 'SIGKILL' };
      }
      this.attempts.push({ pod: pod.name, address: pod.address, exit: exit!, output: pod.logs(), durationMs: Date.now() - startedAt });
      this.current = undefined;
      this.kube.forgetJobPod(pod);
      if (this.cancelled) return finish(false, 'Cancelled');
      if (overDeadline) return finish(false, 'DeadlineExceeded');
      if (exit!.code === 0) return finish(true);
    }
    return finish(false, 'BackoffLimitExceeded');
  }

  /** Sleeps `ms`, or less if the Job is cancelled meanwhile. */
  private async pause(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      timer = setTimeout(resolve, ms);
    });
    clearTimeout(timer);
    this.wake = undefined;
  }
}
