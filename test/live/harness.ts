/**
 * A small stand-in for Kubernetes that runs synthesized manifests as local processes, so the live
 * tests prove what the YAML really does: every pod of the StatefulSet and every pod of the Job
 * becomes real processes running the container's own command, in an environment built from the pod
 * spec the way the kubelet builds it.
 *
 * What a pod gets:
 * - its own loopback address (from a random block of 127.0.0.0/8; a re-created pod gets a new one,
 *   a restarted container keeps it) and its own mount and UTS namespaces, with hostname = pod name;
 * - a private /etc/hosts that plays the cluster DNS: the pod's own name, plus every endpoint of the
 *   headless Services that select pods, following Kubernetes' rules (a pod is published while it has
 *   an address and is Ready, or as soon as it has an address when the Service sets
 *   publishNotReadyAddresses). The file is rewritten in place when endpoints change, because
 *   replacing it would leave the pod's bind mount on the old file. resolv.conf points at an
 *   address where nothing listens, so a name that is not published fails at once, without ever
 *   leaving the machine;
 * - its volumes bind-mounted where the container mounts them: ConfigMaps materialised as files
 *   (read-only, with their defaultMode), each volumeClaimTemplate as a directory per pod that
 *   survives the pod's re-creation (like a PVC), owned by the pod's user and fsGroup;
 * - a read-only root filesystem when the container asks for one;
 * - the container's env (fieldRef metadata.name / metadata.namespace / metadata.uid /
 *   status.podIP / spec.nodeName, and configMapKeyRef are resolved), its command and args, and its
 *   user: runAsUser / runAsGroup with fsGroup and supplementalGroups as groups.
 *
 * The kubelet's part: startup, readiness and liveness probes and preStop hooks run inside the pod's
 * namespaces, as the container's user with its env, honouring initialDelaySeconds, periodSeconds,
 * timeoutSeconds, successThreshold and failureThreshold. Periods, initial delays and back-off delays
 * are multiplied by `timeScale` (0.2 by default: a 5 s period runs every second); timeouts and grace
 * periods are not scaled, since they bound work rather than pace it. A failed liveness or startup
 * probe restarts the container, and a container that exits on its own is restarted at once, then
 * with the kubelet's back-off (10 s doubling, scaled). `Pod.crash()` models a container that dies
 * and stays down (its node is gone, say) until the test calls `Pod.startContainer()`.
 *
 * Two things a single machine cannot give each pod, and how they are bridged:
 * - its own network namespace. Each pod listens on its own address instead, so Redis gets
 *   `--bind <address> --bind-source-addr <address>` appended to its arguments (the start script
 *   passes them on to redis-server after the config file, so they override it; without
 *   bind-source-addr the cluster bus connects from 127.0.0.1 and the nodes never recognise each
 *   other). And `127.0.0.1` inside a pod means the pod itself, so redis-cli in each pod is a thin
 *   wrapper (`_redis-cli.sh`) that sends 127.0.0.1 and localhost to the pod's own address.
 * - mount points on an image's filesystem. The host's filesystem plays the image, so a volume's
 *   mountPath (e.g. /data) is created on the host if it is missing, and left there.
 *
 * Everything started is a process group led by a PID we hold; `close()` kills them all and removes
 * the work directory. Mounts vanish with the namespaces when their last process exits.
 */
import { execFileSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { StatefulSet } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { IContainer } from 'kubernetes-models/v1/Container';
import { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import { IProbe } from 'kubernetes-models/v1/Probe';
import { LoopbackAddresses } from './_addresses';
import { Manifests, namespaceOf } from './_manifests';
import { ExitStatus, GroupProcess, killGroup, RunResult, signalProcess, spawnGroup, waitExit } from './_process';

export { Manifests, synthesize, Synthesized } from './_manifests';

const SANDBOX = path.join(__dirname, '_sandbox.sh');
const REDIS_CLI_WRAPPER = path.join(__dirname, '_redis-cli.sh');
/** The PATH of the official Redis image. */
const CONTAINER_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** What the pods' resolv.conf points at for names outside their hosts file. */
const NODE_NAME = 'localhost';

export interface LocalKubeOptions {
  /** What to run. */
  readonly manifests: Manifests;

  /**
   * The Kubernetes cluster's DNS domain.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;

  /**
   * Factor applied to probe periods, initial delays and back-off delays.
   * @default 0.2
   */
  readonly timeScale?: number;

  /**
   * Arguments appended to the StatefulSet's container, given the pod's address.
   * @default - `--bind <address> --bind-source-addr <address>`, for redis-server
   */
  readonly statefulSetContainerArgs?: (address: string) => readonly string[];

  /**
   * Where pods keep their files.
   * @default - a new directory under the OS temp directory
   */
  readonly workDir?: string;

  /**
   * Keep the work directory (logs, nodes.conf, ...) after `close()`.
   * @default - true when the environment sets LIVE_KEEP=1
   */
  readonly keepWorkDir?: boolean;
}

/** What to change when starting the Job, for tests that need a shorter wait, say. */
export interface JobOptions {
  /** Env values that replace (or add to) the container's. */
  readonly env?: Record<string, string>;
  /** @default - the Job's spec.backoffLimit */
  readonly backoffLimit?: number;
}

/**
 * Runs the pods of one set of manifests (one StatefulSet, its headless Service and ConfigMaps, and
 * one Job) on this machine.
 */
export class LocalKube {
  public readonly manifests: Manifests;
  public readonly clusterDomain: string;
  public readonly timeScale: number;
  public readonly workDir: string;
  public readonly addresses = new LoopbackAddresses();
  public readonly statefulSet: StatefulSet;
  /** Timestamped happenings, for the message of a failed test. */
  public readonly events: string[] = [];

  private readonly statefulSetContainerArgs: (address: string) => readonly string[];
  private readonly keepWorkDir: boolean;
  private readonly pods = new Map<string, Pod>();
  private readonly jobPods = new Set<Pod>();
  private readonly jobRuns: JobRun[] = [];
  private readonly resolvConf: string;
  private readonly realRedisCli?: string;
  private readonly redisCliPath?: string;
  private closed = false;

  constructor(options: LocalKubeOptions) {
    this.manifests = options.manifests;
    this.clusterDomain = options.clusterDomain ?? 'cluster.local';
    this.timeScale = options.timeScale ?? 0.2;
    this.statefulSetContainerArgs = options.statefulSetContainerArgs ?? ((a) => ['--bind', a, '--bind-source-addr', a]);
    this.keepWorkDir = options.keepWorkDir ?? process.env.LIVE_KEEP === '1';
    this.statefulSet = this.manifests.statefulSet();
    this.workDir = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'redis-cluster-live-'));
    fs.mkdirSync(path.join(this.workDir, 'pods'), { recursive: true });
    fs.mkdirSync(path.join(this.workDir, 'claims'), { recursive: true });
    fs.chmodSync(this.workDir, 0o755);

    const namespace = namespaceOf(this.statefulSet);
    this.resolvConf = path.join(this.workDir, 'resolv.conf');
    fs.writeFileSync(this.resolvConf, [
      `nameserver ${this.addresses.unusedAddress}`,
      `search ${namespace}.svc.${this.clusterDomain} svc.${this.clusterDomain} ${this.clusterDomain}`,
      'options ndots:5 timeout:1 attempts:1',
      '',
    ].join('\n'));

    this.redisCliPath = which('redis-cli');
    if (this.redisCliPath !== undefined) {
      // The pods see the wrapper where redis-cli was; the real one stays reachable from here.
      this.realRedisCli = path.join(this.workDir, 'redis-cli');
      fs.copyFileSync(fs.realpathSync(this.redisCliPath), this.realRedisCli);
      fs.chmodSync(this.realRedisCli, 0o755);
    }
  }

  /** The StatefulSet's pod names, in ordinal order. */
  public podNames(): string[] {
    const replicas = this.statefulSet.spec?.replicas ?? 1;
    return Array.from({ length: replicas }, (_, i) => `${this.statefulSet.metadata!.name}-${i}`);
  }

  /** The current pod called `name`; throws if it does not exist. */
  public pod(name: string): Pod {
    const pod = this.pods.get(name);
    if (!pod) {
      throw new Error(`pod ${name} does not exist; existing: ${[...this.pods.keys()].join(', ') || 'none'}`);
    }
    return pod;
  }

  /** The StatefulSet's current pods, in ordinal order. */
  public currentPods(): Pod[] {
    return this.podNames().filter((n) => this.pods.has(n)).map((n) => this.pods.get(n)!);
  }

  /** The pod whose DNS name is `fqdn`, if it exists. */
  public podByFqdn(fqdn: string): Pod | undefined {
    return [...this.pods.values()].find((p) => p.fqdn === fqdn);
  }

  /**
   * Creates every pod of the StatefulSet at once, as its Parallel pod management policy does, and
   * starts their containers.
   */
  public async createPods(): Promise<Pod[]> {
    return Promise.all(this.podNames().map((name) => this.createPod(name)));
  }

  /** Creates the StatefulSet's pod `name` (with a new address) and starts its container. */
  public async createPod(name: string): Promise<Pod> {
    this.assertOpen();
    if (this.pods.has(name)) {
      throw new Error(`pod ${name} already exists`);
    }
    if (!this.podNames().includes(name)) {
      throw new Error(`the StatefulSet has no pod ${name}; its pods are ${this.podNames().join(', ')}`);
    }
    const template = this.statefulSet.spec!.template;
    const ordinal = name.slice(name.lastIndexOf('-') + 1);
    const pod = new Pod(this, {
      name,
      namespace: namespaceOf(this.statefulSet),
      template,
      extraLabels: { 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': ordinal },
      subdomain: this.statefulSet.spec!.serviceName,
      claimTemplates: (this.statefulSet.spec!.volumeClaimTemplates ?? []).map((c) => c.metadata!.name!),
      extraArgs: this.statefulSetContainerArgs,
      restartPolicy: template.spec?.restartPolicy ?? 'Always',
    });
    this.pods.set(name, pod);
    this.endpointsChanged();
    this.event(`pod ${name} created with address ${pod.address}`);
    await pod.startContainer();
    return pod;
  }

  /**
   * Deletes pod `name` as `kubectl delete pod` does: preStop hook, SIGTERM, and SIGKILL after the
   * grace period. Its claim's directory stays.
   */
  public async deletePod(name: string): Promise<void> {
    const pod = this.pod(name);
    await pod.stopContainer();
    this.pods.delete(name);
    pod.remove();
    this.endpointsChanged();
    this.event(`pod ${name} deleted`);
  }

  /** Deletes pod `name` and creates it again, as the StatefulSet controller does. */
  public async recreatePod(name: string): Promise<Pod> {
    await this.deletePod(name);
    return this.createPod(name);
  }

  /** Deletes every pod of the StatefulSet at once, then lets the StatefulSet create them again. */
  public async recreateAllPods(): Promise<Pod[]> {
    await Promise.all(this.currentPods().map((p) => this.deletePod(p.name)));
    return this.createPods();
  }

  /** Starts the Job, as `kubectl apply` of its manifest does. */
  public startJob(options: JobOptions = {}): JobRun {
    this.assertOpen();
    const run = new JobRun(this, this.manifests.job(), options);
    this.jobRuns.push(run);
    return run;
  }

  /** The address `hostname` resolves to in the pods' cluster DNS, if it is published. */
  public resolve(hostname: string): string | undefined {
    return this.endpointRecords().find(([name]) => name === hostname)?.[1];
  }

  /** Published DNS records: [pod FQDN, address], for every pod a headless Service publishes. */
  public endpointRecords(): Array<[string, string]> {
    const records: Array<[string, string]> = [];
    for (const pod of this.pods.values()) {
      if (pod.fqdn !== undefined && pod.alive && this.isPublished(pod)) {
        records.push([pod.fqdn, pod.address]);
      }
    }
    return records;
  }

  /** A one-screen account of the pods and recent events, for the message of a failed test. */
  public describe(): string {
    const pods = [...this.pods.values()].map((p) =>
      `  ${p.name} ${p.address} running=${p.running} started=${p.started} ready=${p.ready} restarts=${p.restartCount}`);
    return [`work dir: ${this.workDir}`, 'pods:', ...pods, 'events:', ...this.events.slice(-40).map((e) => `  ${e}`)].join('\n');
  }

  /** Stops every process this harness started and removes its files. Safe to call twice. */
  public async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    await Promise.all(this.jobRuns.map((r) => r.cancel()));
    const all = [...this.pods.values(), ...this.jobPods];
    await Promise.all(all.map((p) => p.kill()));
    this.pods.clear();
    this.jobPods.clear();
    if (this.keepWorkDir) {
      console.log(`live harness: kept ${this.workDir}`);
    } else {
      fs.rmSync(this.workDir, { recursive: true, force: true });
    }
  }

  /** @internal */
  public event(message: string): void {
    this.events.push(`${new Date().toISOString().slice(11, 23)} ${message}`);
  }

  /** @internal A Job's pod, created by its JobRun. */
  public createJobPod(job: Job, env: Record<string, string>): Pod {
    this.assertOpen();
    const template = job.spec!.template;
    const name = `${job.metadata!.name}-${randomBytes(3).toString('hex').slice(0, 5)}`;
    const pod = new Pod(this, {
      name,
      namespace: namespaceOf(job),
      template,
      extraLabels: { 'job-name': job.metadata!.name! },
      claimTemplates: [],
      envOverrides: env,
      restartPolicy: 'Never',
    });
    this.jobPods.add(pod);
    this.event(`job pod ${name} created with address ${pod.address}`);
    return pod;
  }

  /** @internal */
  public forgetJobPod(pod: Pod): void {
    this.jobPods.delete(pod);
    pod.remove();
  }

  /** @internal Rewrites every pod's hosts file: the endpoints or a readiness changed. */
  public endpointsChanged(): void {
    const records = this.endpointRecords();
    for (const pod of [...this.pods.values(), ...this.jobPods]) {
      pod.writeHostsFile(records);
    }
  }

  /** @internal */
  public get redisCliWrapperTarget(): string | undefined {
    return this.redisCliPath;
  }

  /** @internal */
  public get realRedisCliCopy(): string | undefined {
    return this.realRedisCli;
  }

  /** @internal */
  public get resolvConfFile(): string {
    return this.resolvConf;
  }

  private isPublished(pod: Pod): boolean {
    const service = this.manifests.services().find((s) =>
      s.metadata?.name === pod.subdomain && namespaceOf(s) === pod.namespace);
    if (!service || service.spec?.clusterIP !== 'None') {
      return false;
    }
    const selector = service.spec.selector ?? {};
    if (Object.keys(selector).length === 0 || !Object.entries(selector).every(([k, v]) => pod.labels[k] === v)) {
      return false;
    }
    return pod.ready || service.spec.publishNotReadyAddresses === true;
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new Error('this LocalKube is closed');
    }
  }
}

interface PodProps {
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
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(kube: LocalKube, props: PodProps) {
    this.kube = kube;
    this.name = props.name;
    this.spec = props.template.spec!;
    if (this.spec.containers.length !== 1 || (this.spec.initContainers ?? []).length > 0) {
      throw new Error(`pod ${props.name}: the harness runs pods with exactly one container and no init containers`);
    }
    this.container = this.spec.containers[0];
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
    proc.exited.then((status) => this.onContainerExit(generation, status)).catch(() => undefined);
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
        await this.exec(preStop, graceMs);
      }
      signalProcess(proc.pid, 'SIGTERM');
      if (await waitExit(proc, Math.max(0, deadline - Date.now())) === undefined) {
        this.kube.event(`pod ${this.name}: grace period over, SIGKILL`);
        await killGroup(proc);
      }
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
        status = await killGroup(proc);
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
      const target = this.kube.redisCliWrapperTarget;
      if (target !== undefined) {
        const wrapper = path.join(this.dir, 'redis-cli');
        fs.writeFileSync(wrapper, fs.readFileSync(REDIS_CLI_WRAPPER, 'utf8')
          .replace('@POD_ADDRESS@', this.address)
          .replace('@REDIS_CLI@', this.kube.realRedisCliCopy!), { mode: 0o755 });
        args.push('--file', wrapper, target);
      }
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
      } else if (volume?.emptyDir) {
        source = path.join(this.dir, 'volumes', mount.name);
        fs.mkdirSync(source, { recursive: true, mode: 0o777 });
        fs.chmodSync(source, 0o777);
      } else {
        throw new Error(`pod ${this.name}: volume ${mount.name} is neither a claim template, a ConfigMap nor an emptyDir; the harness supports only those`);
      }
      if (!fs.existsSync(mount.mountPath)) {
        // The host's filesystem plays the image's: give the mount a place to go.
        fs.mkdirSync(mount.mountPath, { recursive: true, mode: 0o755 });
      }
      mounts.push({ source, target: mount.mountPath, readOnly });
    }
    return mounts;
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
      if (field !== undefined) {
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

  private onContainerExit(generation: number, status: ExitStatus): void {
    this.kube.event(`pod ${this.name}: container exited (code ${status.code}, signal ${status.signal})`);
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

function which(command: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Expands `$(VAR)` references to earlier variables, as Kubernetes does in env values. */
function expandReferences(value: string, env: Record<string, string>): string {
  return value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => env[name] ?? whole);
}
