import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { IContainer } from 'kubernetes-models/v1/Container';
import { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import { IProbe } from 'kubernetes-models/v1/Probe';
import { ExitStatus, GroupProcess, killGroup, RunResult, signalGroup, signalProcess, spawnGroup, waitExit } from './_process';
import { writeSecretVolume } from './_secret-volume';
import { Server, serverForImage } from './_servers';
import type { LocalKube } from './harness';

const SANDBOX = path.join(__dirname, '_sandbox.sh');
const REDIS_CLI_WRAPPER = path.join(__dirname, '_redis-cli.sh');
/** Where the official Redis and Valkey images install their binaries. */
const IMAGE_BIN = '/usr/local/bin';
/** The PATH of the official Redis image. */
const CONTAINER_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** spec.nodeName, as the pods' fieldRefs see it. */
const NODE_NAME = 'localhost';

/** What LocalKube tells a new pod. */
export interface PodProps {
  readonly name: string;
  readonly namespace: string;
  readonly template: IPodTemplateSpec;
  readonly extraLabels: Record<string, string>;
  /** The headless Service that gives the pod its FQDN (StatefulSet pods). */
  readonly subdomain?: string;
  /** Names of the volume claim templates; their volumes are this pod's claims. */
  readonly claimTemplates: readonly string[];
  readonly envOverrides?: Record<string, string>;
  readonly extraArgs?: (address: string) => readonly string[];
  readonly restartPolicy: string;
}

interface Mount {
  readonly source: string;
  readonly target: string;
  readonly readOnly: boolean;
}

/** A Secret volume of this pod, kept so that an update of the Secret can be projected into it. */
/** A Secret volume of the pod: where it is, and which keys it projects (all, or `items`). */
interface SecretVolume {
  readonly dir: string;
  readonly secretName: string;
  readonly mode: number;
  readonly optional: boolean;
  readonly items?: ReadonlyArray<{ key: string; path: string; mode?: number }>;
}

/** One pod: its address, files, and the container running in it. */
export class Pod {
  public readonly name: string;
  public readonly namespace: string;
  public readonly uid = randomBytes(8).toString('hex');
  public readonly address: string;
  public readonly labels: Record<string, string>;
  /** `<pod>.<service>.<namespace>.svc.<domain>` for pods with a subdomain. */
  public readonly fqdn?: string;
  public readonly subdomain?: string;
  /** Where the container's output goes. */
  public readonly logFile: string;
  /** The server this pod's image runs here. */
  public readonly server: Server;
  public restartCount = 0;
  /** The startup probe has passed (or there is none). */
  public started = false;
  /** The readiness probe passes (or there is none and the container runs). */
  public ready = false;

  private readonly kube: LocalKube;
  private readonly spec: IPodSpec;
  private readonly container: IContainer;
  private readonly dir: string;
  private readonly hostsFile: string;
  private readonly mounts: Mount[];
  private readonly env: Record<string, string>;
  private readonly argv: string[];
  private readonly user?: { uid: number; gid: number; groups: number[] };
  private readonly restartPolicy: string;
  private process?: GroupProcess;
  /** Bumped whenever the container starts or stops, so that old probe loops end. */
  private generation = 0;
  /** Set while the harness itself stops the container, so that it is not restarted. */
  private stopping = false;
  private held = false;
  private removed = false;
  private readonly execs = new Set<GroupProcess>();
  /** Secret volumes, which the kubelet keeps up to date while the pod runs. */
  private readonly secretVolumes: SecretVolume[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(kube: LocalKube, props: PodProps) {
    this.kube = kube;
    this.name = props.name;
    this.spec = props.template.spec!;
    if (this.spec.containers.length !== 1 || (this.spec.initContainers ?? []).length > 0) {
      throw new Error(`pod ${props.name}: the harness runs pods with exactly one container and no init containers`);
    }
    this.container = this.spec.containers[0];
    this.server = serverForImage(this.container.image ?? '');
    this.namespace = props.namespace;
    this.labels = { ...(props.template.metadata?.labels ?? {}), ...props.extraLabels };
    this.address = kube.addresses.allocate();
    this.subdomain = props.subdomain;
    const hostname = this.spec.hostname ?? props.name;
    this.fqdn = props.subdomain ? `${hostname}.${props.subdomain}.${this.namespace}.svc.${kube.clusterDomain}` : undefined;
    this.restartPolicy = props.restartPolicy;

    this.dir = path.join(kube.workDir, 'pods', `${props.name}-${this.uid.slice(0, 6)}`);
    fs.mkdirSync(this.dir, { recursive: true });
    this.logFile = path.join(this.dir, 'container.log');
    this.hostsFile = path.join(this.dir, 'hosts');
    fs.writeFileSync(this.hostsFile, '');

    const podContext = this.spec.securityContext ?? {};
    const containerContext = this.container.securityContext ?? {};
    const runAsUser = containerContext.runAsUser ?? podContext.runAsUser;
    if (runAsUser !== undefined) {
      const gid = containerContext.runAsGroup ?? podContext.runAsGroup ?? runAsUser;
      const groups = [...(podContext.fsGroup !== undefined ? [podContext.fsGroup] : []), ...(podContext.supplementalGroups ?? [])];
      this.user = { uid: runAsUser, gid, groups };
    }

    this.mounts = this.prepareVolumes(props.claimTemplates);
    this.env = { ...this.resolveEnv(), ...(props.envOverrides ?? {}) };
    if (!this.container.command || this.container.command.length === 0) {
      throw new Error(`pod ${props.name}: the harness needs the container's command; the image's entrypoint is not known here`);
    }
    this.argv = [...this.container.command, ...(this.container.args ?? []), ...(props.extraArgs?.(this.address) ?? [])];
  }

  /** The container's readiness probe command, if it has an exec one; to run it as the kubelet does. */
  public get readinessCommand(): readonly string[] | undefined {
    return this.container.readinessProbe?.exec?.command;
  }

  /** The container is running. */
  public get running(): boolean {
    return this.process !== undefined && this.process.status() === undefined;
  }

  /** The pod exists (it has not been deleted). */
  public get alive(): boolean {
    return !this.removed;
  }

  /** PID of the container's main process, while it runs. */
  public get pid(): number | undefined {
    return this.running ? this.process!.pid : undefined;
  }

  /** The container's output so far. */
  public logs(): string {
    return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
  }

  /** Starts the container (again): same pod, same address, same volumes. */
  public async startContainer(): Promise<void> {
    if (this.running) {
      throw new Error(`pod ${this.name}: the container is already running`);
    }
    this.held = false;
    this.generation++;
    this.started = false;
    this.setReady(false);
    fs.appendFileSync(this.logFile, `--- container start ${new Date().toISOString()} (restarts: ${this.restartCount})\n`);
    const proc = spawnGroup('unshare', ['--mount', '--uts', '--propagation', 'private', 'sh', SANDBOX, ...this.sandboxArgs(true), '--', ...this.argv], {
      env: this.env,
      logFile: this.logFile,
    });
    this.process = proc;
    this.kube.event(`pod ${this.name}: container started, pid ${proc.pid}`);
    const generation = this.generation;
    proc.exited.then((status) => this.onContainerExit(generation, status, proc.pid)).catch(() => undefined);
    this.startProbes(generation);
  }

  /**
   * Kills the container with `signal` (the whole container, not just its main process) and leaves
   * it down until `startContainer()`: a crash whose restart is held back.
   */
  public async crash(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const proc = this.process;
    if (!proc || !this.running) {
      throw new Error(`pod ${this.name}: the container is not running`);
    }
    this.held = true;
    this.generation++;
    this.kube.event(`pod ${this.name}: container killed with ${signal}`);
    if (signal === 'SIGKILL') {
      await killGroup(proc);
    } else if (!signalProcess(proc.pid, signal) || await waitExit(proc, 30_000) === undefined) {
      // It ignored the signal: the crash still has to happen, and no wait may be unbounded.
      await killGroup(proc);
    }
    this.afterStop();
  }

  /**
   * Stops the container as the kubelet does: preStop hook, then SIGTERM to its main process, then
   * SIGKILL to all of it after terminationGracePeriodSeconds.
   */
  public async stopContainer(): Promise<void> {
    const proc = this.process;
    if (!proc || !this.running) {
      this.afterStop();
      return;
    }
    this.stopping = true;
    try {
      const graceMs = (this.spec.terminationGracePeriodSeconds ?? 30) * 1000;
      const deadline = Date.now() + graceMs;
      const preStop = this.container.lifecycle?.preStop?.exec?.command;
      this.generation++;
      if (preStop) {
        this.kube.event(`pod ${this.name}: running preStop hook`);
        const hook = await this.exec(preStop, graceMs);
        // The kubelet reports a hook's output only when it fails; keep it for the tests to read.
        this.kube.event(`pod ${this.name}: preStop hook exited ${hook.code} after ${hook.durationMs} ms: ${hook.output.trim()}`);
      }
      signalProcess(proc.pid, 'SIGTERM');
      if (await waitExit(proc, Math.max(0, deadline - Date.now())) === undefined) {
        this.kube.event(`pod ${this.name}: grace period over, SIGKILL`);
        await killGroup(proc);
      }
      // When a container's main process ends, the runtime kills whatever else runs in it.
      signalGroup(proc.pid, 'SIGKILL');
      this.kube.event(`pod ${this.name}: container stopped`);
    } finally {
      this.stopping = false;
    }
    this.afterStop();
  }

  /**
   * Runs `command` in the pod as `kubectl exec` (and the kubelet's exec probes and hooks) do: in
   * its namespaces, as its user, with its env. The container must be running.
   */
  public async exec(command: readonly string[], timeoutMs: number): Promise<RunResult> {
    const pid = this.pid;
    const startedAt = Date.now();
    if (pid === undefined) {
      return { code: 1, signal: null, output: `pod ${this.name}: the container is not running`, timedOut: false, durationMs: 0 };
    }
    const proc = spawnGroup('nsenter', ['--target', String(pid), '--mount', '--uts', '--', 'sh', SANDBOX, ...this.sandboxArgs(false), '--', ...command], {
      env: this.env,
      capture: true,
    });
    this.execs.add(proc);
    try {
      let status = await waitExit(proc, timeoutMs);
      const timedOut = status === undefined;
      if (status === undefined) {
        status = await killGroup(proc, 10_000, 'process');
      }
      return { ...status, output: proc.output(), timedOut, durationMs: Date.now() - startedAt };
    } finally {
      this.execs.delete(proc);
    }
  }

  /** Waits for the container to exit by itself, at most `timeoutMs`. */
  public async waitForExit(timeoutMs: number): Promise<ExitStatus | undefined> {
    return this.process ? waitExit(this.process, timeoutMs) : undefined;
  }

  /** @internal Kills everything of this pod at once; for cleanup. */
  public async kill(): Promise<void> {
    this.held = true;
    this.generation++;
    this.removed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const procs = [...this.execs, ...(this.process && this.running ? [this.process] : [])];
    await Promise.all(procs.map((p) => killGroup(p)));
  }

  /**
   * @internal The pod is deleted: forget its own files (its claims stay). Its log is kept in the
   * work directory's `logs/`, for a failed test to show what a pod that is gone had said.
   */
  public remove(): void {
    this.removed = true;
    this.generation++;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (fs.existsSync(this.logFile)) {
      fs.mkdirSync(path.join(this.kube.workDir, 'logs'), { recursive: true });
      fs.renameSync(this.logFile, path.join(this.kube.workDir, 'logs', `${path.basename(this.dir)}.log`));
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** @internal Writes the pod's /etc/hosts in place (its bind mount follows the inode). */
  public writeHostsFile(records: Array<[string, string]>): void {
    if (this.removed) {
      return;
    }
    const hostname = this.spec.hostname ?? this.name;
    const lines = [
      '# Kubernetes-managed hosts file.',
      '127.0.0.1\tlocalhost',
      this.fqdn ? `${this.address}\t${this.fqdn}\t${hostname}` : `${this.address}\t${hostname}`,
      '# Cluster DNS, as the live harness publishes it: endpoints of headless Services.',
      ...records.filter(([name]) => name !== this.fqdn).map(([name, address]) => `${address}\t${name}`),
      '',
    ];
    // writeFileSync truncates and rewrites the same inode: readers in the pod see the new content.
    fs.writeFileSync(this.hostsFile, lines.join('\n'));
  }

  private sandboxArgs(setUp: boolean): string[] {
    const args: string[] = [];
    if (setUp) {
      args.push('--hostname', this.spec.hostname ?? this.name);
      args.push('--file', this.hostsFile, '/etc/hosts');
      args.push('--file', this.kube.resolvConfFile, '/etc/resolv.conf');
      args.push('--mount', this.imageBin(), IMAGE_BIN, 'ro');
      for (const m of this.mounts) {
        args.push('--mount', m.source, m.target, m.readOnly ? 'ro' : 'rw');
      }
      if (this.container.securityContext?.readOnlyRootFilesystem) {
        args.push('--read-only-root');
      }
    }
    args.push('--workdir', this.container.workingDir ?? '/');
    if (this.user) {
      args.push('--user', String(this.user.uid), String(this.user.gid), this.user.groups.join(','));
    }
    return args;
  }

  /**
   * The image's /usr/local/bin: its server's binaries under the image's names, where each client
   * (`*-cli`) is the wrapper that makes 127.0.0.1 this pod.
   */
  private imageBin(): string {
    const bin = path.join(this.dir, 'bin');
    if (fs.existsSync(bin)) {
      return bin;
    }
    fs.mkdirSync(bin, { mode: 0o755 });
    const wrapper = fs.readFileSync(REDIS_CLI_WRAPPER, 'utf8');
    for (const [name, executable] of Object.entries(this.server.commands)) {
      if (name.endsWith('-cli')) {
        fs.writeFileSync(path.join(bin, name), wrapper.replace('@POD_ADDRESS@', this.address).replace('@REDIS_CLI@', executable), { mode: 0o755 });
      } else {
        fs.symlinkSync(executable, path.join(bin, name));
      }
    }
    return bin;
  }

  private prepareVolumes(claimTemplates: readonly string[]): Mount[] {
    const volumes = new Map((this.spec.volumes ?? []).map((v) => [v.name, v]));
    const mounts: Mount[] = [];
    for (const mount of this.container.volumeMounts ?? []) {
      if (mount.subPath || mount.subPathExpr) {
        throw new Error(`pod ${this.name}: volumeMount ${mount.name} uses subPath, which the harness does not support`);
      }
      let source: string;
      let readOnly = mount.readOnly ?? false;
      const volume = volumes.get(mount.name);
      if (claimTemplates.includes(mount.name) && !volume) {
        // A PersistentVolumeClaim `<template>-<pod>`: outlives the pod.
        source = path.join(this.kube.workDir, 'claims', `${mount.name}-${this.name}`);
        if (!fs.existsSync(source)) {
          fs.mkdirSync(source, { recursive: true });
          const group = this.spec.securityContext?.fsGroup ?? this.user?.gid ?? 0;
          fs.chownSync(source, this.user?.uid ?? 0, group);
          fs.chmodSync(source, 0o2775);
        }
      } else if (volume?.configMap) {
        source = this.materialiseConfigMap(mount.name, volume.configMap.name!, volume.configMap.defaultMode ?? 0o644,
          volume.configMap.items);
        readOnly = true;
      } else if (volume?.secret) {
        source = path.join(this.dir, 'volumes', mount.name);
        this.secretVolumes.push({
          secretName: volume.secret.secretName!,
          dir: source,
          mode: volume.secret.defaultMode ?? 0o644,
          optional: volume.secret.optional ?? false,
          items: volume.secret.items,
        });
        this.refreshSecret(volume.secret.secretName!);
        readOnly = true;
      } else if (volume?.emptyDir) {
        source = path.join(this.dir, 'volumes', mount.name);
        fs.mkdirSync(source, { recursive: true, mode: 0o777 });
        fs.chmodSync(source, 0o777);
      } else {
        throw new Error(`pod ${this.name}: volume ${mount.name} is neither a claim template, a ConfigMap, a Secret nor an emptyDir; the harness supports only those`);
      }
      if (!fs.existsSync(mount.mountPath)) {
        // The host's filesystem plays the image's: give the mount a place to go, and have the
        // harness remove it again on close.
        const first = fs.mkdirSync(mount.mountPath, { recursive: true, mode: 0o755 });
        if (first !== undefined) {
          this.kube.createdMountPoint(first, mount.mountPath);
        }
      }
      mounts.push({ source, target: mount.mountPath, readOnly });
    }
    return mounts;
  }

  /**
   * @internal Writes the current content of Secret `name` into every volume of this pod that
   * mounts it, as the kubelet's periodic sync does (env vars from the Secret stay as they were).
   */
  public refreshSecret(name: string): void {
    for (const volume of this.secretVolumes.filter((v) => v.secretName === name)) {
      const data = this.kube.secretData(name);
      if (data === undefined && !volume.optional) {
        throw new Error(`pod ${this.name}: a volume mounts Secret ${name}, which does not exist (the pod would stay ContainerCreating)`);
      }
      writeSecretVolume(volume.dir, this.projectedItems(volume, data ?? {}), volume.mode, this.spec.securityContext?.fsGroup ?? 0);
    }
  }

  private materialiseConfigMap(volume: string, name: string, mode: number, items?: Array<{ key: string; path: string; mode?: number }>): string {
    const configMap = this.kube.manifests.configMap(name, this.namespace);
    const data = configMap.data ?? {};
    const dir = path.join(this.dir, 'volumes', volume);
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    const files = items ?? Object.keys(data).map((key) => ({ key, path: key, mode: undefined }));
    for (const item of files) {
      if (!(item.key in data)) {
        throw new Error(`pod ${this.name}: ConfigMap ${name} has no key ${item.key}`);
      }
      const file = path.join(dir, item.path);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, data[item.key]);
      fs.chmodSync(file, item.mode ?? mode);
    }
    return dir;
  }

  /**
   * The files a Secret volume holds, by path: every key of `data`, or with `items` only the keys
   * listed, under their paths (the kubelet refuses to start a pod whose items name a missing key).
   */
  private projectedItems(volume: SecretVolume, data: Readonly<Record<string, string>>): Record<string, string> {
    if (!volume.items) {
      return { ...data };
    }
    const files: Record<string, string> = {};
    for (const item of volume.items) {
      if (item.path.includes('/') || item.mode !== undefined) {
        throw new Error(`pod ${this.name}: Secret ${volume.secretName}'s item ${item.key} has a nested path or its own mode, which the harness does not support`);
      }
      if (!(item.key in data)) {
        throw new Error(`pod ${this.name}: Secret ${volume.secretName} has no key ${item.key}, which a volume projects (the kubelet would not start the pod)`);
      }
      files[item.path] = data[item.key];
    }
    return files;
  }

  private resolveEnv(): Record<string, string> {
    const hostname = this.spec.hostname ?? this.name;
    const env: Record<string, string> = { PATH: CONTAINER_PATH, HOSTNAME: hostname, HOME: '/' };
    for (const variable of this.container.env ?? []) {
      if (variable.value !== undefined) {
        env[variable.name] = expandReferences(variable.value, env);
        continue;
      }
      const field = variable.valueFrom?.fieldRef?.fieldPath;
      const configMapKey = variable.valueFrom?.configMapKeyRef;
      const secretKey = variable.valueFrom?.secretKeyRef;
      if (secretKey) {
        // As the kubelet: a missing Secret or key keeps the container from starting
        // (CreateContainerConfigError), unless the reference is optional.
        const value = this.kube.secretValue(secretKey.name!, secretKey.key);
        if (value === undefined && !secretKey.optional) {
          throw new Error(`pod ${this.name}: env ${variable.name} reads key ${secretKey.key} of Secret ${secretKey.name}, which does not exist (CreateContainerConfigError)`);
        }
        if (value !== undefined) env[variable.name] = value;
      } else if (field !== undefined) {
        const fields: Record<string, string> = {
          'metadata.name': this.name,
          'metadata.namespace': this.namespace,
          'metadata.uid': this.uid,
          'status.podIP': this.address,
          'spec.nodeName': NODE_NAME,
        };
        if (!(field in fields)) {
          throw new Error(`pod ${this.name}: env ${variable.name} reads fieldRef ${field}, which the harness does not provide`);
        }
        env[variable.name] = fields[field];
      } else if (configMapKey) {
        const value = this.kube.manifests.configMap(configMapKey.name!, this.namespace).data?.[configMapKey.key];
        if (value === undefined && !configMapKey.optional) {
          throw new Error(`pod ${this.name}: env ${variable.name} reads key ${configMapKey.key} of ConfigMap ${configMapKey.name}, which is missing`);
        }
        if (value !== undefined) env[variable.name] = value;
      } else {
        env[variable.name] = '';
      }
    }
    return env;
  }

  private onContainerExit(generation: number, status: ExitStatus, pid: number): void {
    this.kube.event(`pod ${this.name}: container exited (code ${status.code}, signal ${status.signal})`);
    // When a container's main process ends, the runtime kills whatever else runs in it.
    signalGroup(pid, 'SIGKILL');
    if (generation !== this.generation) {
      return; // the harness stopped it on purpose
    }
    this.afterStop();
    if (this.stopping || this.held || this.removed || this.restartPolicy === 'Never') {
      return;
    }
    // The kubelet restarts a container that exits at once, then backs off 10 s, 20 s, ... 5 min.
    const delay = this.restartCount === 0 ? 0 : Math.min(10_000 * 2 ** (this.restartCount - 1), 300_000) * this.kube.timeScale;
    this.restartCount++;
    this.later(delay, () => {
      if (!this.held && !this.removed && !this.stopping && !this.running) {
        this.startContainer().catch((e) => this.kube.event(`pod ${this.name}: restart failed: ${(e as Error).message}`));
      }
    });
  }

  private afterStop(): void {
    this.generation++;
    this.started = false;
    this.setReady(false);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private setReady(ready: boolean): void {
    if (this.ready !== ready) {
      this.ready = ready;
      this.kube.event(`pod ${this.name}: ${ready ? 'Ready' : 'not Ready'}`);
      this.kube.endpointsChanged();
    }
  }

  private startProbes(generation: number): void {
    const { startupProbe, readinessProbe, livenessProbe } = this.container;
    const afterStartup = () => {
      this.started = true;
      if (livenessProbe) {
        this.probeLoop(generation, 'liveness', livenessProbe, () => undefined, () => this.restartAfterFailedProbe(generation, 'liveness'));
      }
      if (readinessProbe) {
        this.probeLoop(generation, 'readiness', readinessProbe, () => this.setReady(true), () => this.setReady(false));
      } else {
        this.setReady(true);
      }
    };
    if (startupProbe) {
      this.probeLoop(generation, 'startup', startupProbe, afterStartup, () => this.restartAfterFailedProbe(generation, 'startup'), true);
    } else {
      afterStartup();
    }
  }

  /**
   * Runs `probe` every period while the container of `generation` runs. `onSuccess` fires after
   * successThreshold successes in a row, `onFailure` after failureThreshold failures in a row.
   */
  private probeLoop(generation: number, kind: string, probe: IProbe, onSuccess: () => void, onFailure: () => void, stopOnSuccess = false): void {
    const command = probe.exec?.command;
    if (!command) {
      throw new Error(`pod ${this.name}: the ${kind} probe is not an exec probe; the harness runs exec probes only`);
    }
    const periodMs = (probe.periodSeconds ?? 10) * 1000 * this.kube.timeScale;
    const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
    const successThreshold = probe.successThreshold ?? 1;
    const failureThreshold = probe.failureThreshold ?? 3;
    let successes = 0;
    let failures = 0;
    const tick = async () => {
      if (generation !== this.generation) return;
      const result = await this.exec(command, timeoutMs);
      if (generation !== this.generation) return;
      if (result.code === 0 && !result.timedOut) {
        failures = 0;
        if (++successes >= successThreshold) {
          onSuccess();
          if (stopOnSuccess) return;
        }
      } else {
        successes = 0;
        if (++failures >= failureThreshold) {
          this.kube.event(`pod ${this.name}: ${kind} probe failed ${failures} times: ${result.output.trim().slice(0, 200)}`);
          onFailure();
          failures = 0;
          if (generation !== this.generation) return;
        }
      }
      this.later(periodMs, tick);
    };
    this.later((probe.initialDelaySeconds ?? 0) * 1000 * this.kube.timeScale, tick);
  }

  private restartAfterFailedProbe(generation: number, kind: string): void {
    if (generation !== this.generation) return;
    this.kube.event(`pod ${this.name}: restarting the container after its ${kind} probe failed`);
    this.restartCount++;
    this.stopContainer()
      .then(() => (this.removed || this.held ? undefined : this.startContainer()))
      .catch((e) => this.kube.event(`pod ${this.name}: restart failed: ${(e as Error).message}`));
  }

  private later(ms: number, fn: () => void | Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      Promise.resolve(fn()).catch((e) => this.kube.event(`pod ${this.name}: ${(e as Error).message}`));
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }
}

/** Expands `$(VAR)` references to earlier variables, as Kubernetes does in env values. */
function expandReferences(value: string, env: Record<string, string>): string {
  return value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => env[name] ?? whole);
}
