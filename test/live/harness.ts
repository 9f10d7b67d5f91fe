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
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { StatefulSet } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { LoopbackAddresses } from './_addresses';
import { JobOptions, JobRun } from './_job-run';
import { Manifests, namespaceOf } from './_manifests';
import { Pod } from './_pod';
import type { ClientTls } from './_redis';
import { describeServer, serverForImage } from './_servers';

export { JobAttempt, JobOptions, JobResult, JobRun } from './_job-run';
export { Manifests, synthesize, Synthesized } from './_manifests';
export { Pod } from './_pod';

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
   * Secrets that exist in the namespace, by name, as `kubectl create secret generic` makes them:
   * key → value. Env vars read them through `secretKeyRef`, and `secret` volumes project them as
   * the kubelet does (files behind a `..data` symlink, see `_secret-volume.ts`); `updateSecret()`
   * changes one.
   * @default - none
   */
  readonly secrets?: Readonly<Record<string, Readonly<Record<string, string>>>>;

  /**
   * The user and password the tests' own observers (cluster health, roles) connect with.
   * @default - the default user, with the password the Redis container reads from its Secret
   */
  readonly observer?: { readonly username: string; readonly password: string };

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

/**
 * Runs the pods of one set of manifests (one StatefulSet, its headless Service and ConfigMaps, and
 * one Job) on this machine.
 */
export class LocalKube {
  /** The manifests applied last. */
  public manifests: Manifests;
  private readonly mountPoints: Array<{ readonly first: string; readonly target: string }> = [];
  public readonly clusterDomain: string;
  public readonly timeScale: number;
  public readonly workDir: string;
  public readonly addresses = new LoopbackAddresses();
  /** The StatefulSet as last applied: pods created from now on get its template. */
  public get statefulSet(): StatefulSet {
    return this.appliedStatefulSet;
  }
  /** Timestamped happenings, for the message of a failed test. */
  public readonly events: string[] = [];

  private appliedStatefulSet: StatefulSet;
  private readonly statefulSetContainerArgs: (address: string) => readonly string[];
  private readonly keepWorkDir: boolean;
  private readonly secrets: Record<string, Readonly<Record<string, string>>>;
  private readonly observer?: { readonly username: string; readonly password: string };
  private readonly pods = new Map<string, Pod>();
  private readonly jobPods = new Set<Pod>();
  private readonly jobRuns: JobRun[] = [];
  private readonly resolvConf: string;
  private closed = false;

  constructor(options: LocalKubeOptions) {
    this.manifests = options.manifests;
    this.clusterDomain = options.clusterDomain ?? 'cluster.local';
    this.timeScale = options.timeScale ?? 0.2;
    this.statefulSetContainerArgs = options.statefulSetContainerArgs ?? ((a) => ['--bind', a, '--bind-source-addr', a]);
    this.keepWorkDir = options.keepWorkDir ?? process.env.LIVE_KEEP === '1';
    this.secrets = { ...(options.secrets ?? {}) };
    this.observer = options.observer;
    this.appliedStatefulSet = this.manifests.statefulSet();
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

    for (const image of new Set([this.statefulSet, this.manifests.job()].map((o) => o.spec!.template.spec!.containers[0].image ?? ''))) {
      console.log(`live harness: ${describeServer(image, serverForImage(image))}`);
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

  /**
   * Applies other manifests of the same cluster, as `kubectl apply -f` does: the StatefulSet
   * controller creates the pods of new ordinals and deletes those above the new size, all at once
   * (Parallel pod management), and a Job whose name was not applied before starts. The pod template
   * must not change: the harness does not roll pods.
   */
  public async apply(manifests: Manifests): Promise<{ job?: JobRun; created: Pod[]; deleted: string[] }> {
    this.assertOpen();
    const next = manifests.statefulSet();
    if (next.metadata?.name !== this.statefulSet.metadata?.name) {
      throw new Error(`apply: the harness runs one StatefulSet, ${this.statefulSet.metadata?.name}; got ${next.metadata?.name}`);
    }
    if (JSON.stringify(next.spec?.template) !== JSON.stringify(this.statefulSet.spec?.template)) {
      throw new Error('apply: the pod template changed, which would roll every pod; the harness does not roll pods');
    }
    const before = this.podNames();
    const ranJobs = new Set(this.jobRuns.map((r) => r.name));
    this.manifests = manifests;
    this.appliedStatefulSet = next;
    const after = this.podNames();
    this.event(`applied: StatefulSet ${before.length} -> ${after.length} pods, Job ${manifests.job().metadata?.name}`);
    const job = ranJobs.has(manifests.job().metadata!.name!) ? undefined : this.startJob();
    const deleted = before.filter((n) => !after.includes(n) && this.pods.has(n));
    const [created] = await Promise.all([
      Promise.all(after.filter((n) => !this.pods.has(n)).map((n) => this.createPod(n))),
      Promise.all(deleted.map((n) => this.deletePod(n))),
    ]);
    return { job, created, deleted };
  }

  /**
   * Applies a changed StatefulSet (a new image, say), as `kubectl apply` does: the pods that run
   * keep their old template; pods created from now on get the new one. Its name, service,
   * replicas and claim templates must stay as they were (the harness does not scale or move pods).
   */
  public applyStatefulSet(statefulSet: StatefulSet): void {
    const shape = (s: StatefulSet) => JSON.stringify([s.metadata?.name, s.spec?.serviceName, s.spec?.replicas,
      (s.spec?.volumeClaimTemplates ?? []).map((c) => c.metadata?.name)]);
    if (shape(statefulSet) !== shape(this.appliedStatefulSet)) {
      throw new Error(`applyStatefulSet changes only the pod template here: ${shape(this.appliedStatefulSet)} must stay, got ${shape(statefulSet)}`);
    }
    this.appliedStatefulSet = statefulSet;
    const image = statefulSet.spec!.template.spec!.containers[0].image ?? '';
    this.event(`statefulset applied with image ${image}`);
    console.log(`live harness: ${describeServer(image, serverForImage(image))}`);
  }

  /**
   * The StatefulSet controller's RollingUpdate, after `applyStatefulSet`: pod by pod from the
   * highest ordinal down, each deleted (preStop hook, SIGTERM), created again from the new template,
   * and waited for until it is Ready (at most `readyTimeoutMs`) before the next. `afterEach` runs
   * once each pod is Ready, before the next is touched.
   */
  public async rollingUpdate(readyTimeoutMs: number, afterEach: (pod: Pod) => Promise<void> = async () => undefined): Promise<void> {
    for (const name of [...this.podNames()].reverse()) {
      await this.deletePod(name);
      const pod = await this.createPod(name);
      const deadline = Date.now() + readyTimeoutMs;
      while (!pod.ready) {
        if (Date.now() > deadline) {
          throw new Error(`rolling update: ${name} was not Ready within ${readyTimeoutMs} ms\n${this.describe()}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      this.event(`rolling update: ${name} Ready`);
      await afterEach(pod);
    }
  }

  /** Starts the Job, as `kubectl apply` of its manifest does. */
  public startJob(options: JobOptions = {}): JobRun {
    this.assertOpen();
    const run = new JobRun(this, this.manifests.job(), options);
    this.jobRuns.push(run);
    return run;
  }

  /** The value of `key` in Secret `name`, if both exist. */
  public secretValue(name: string, key: string): string | undefined {
    return this.secrets[name]?.[key];
  }

  /** Every key of Secret `name`, if it exists. */
  public secretData(name: string): Readonly<Record<string, string>> | undefined {
    return this.secrets[name];
  }

  /**
   * Replaces Secret `name`'s data, as `kubectl apply` / `patch` of the Secret does, and updates the
   * Secret volumes of every pod that mounts it at once, as the kubelet does on its next sync (in
   * Kubernetes that takes up to the kubelet's sync period plus its cache TTL, about a minute).
   * Env vars read from it keep their old values until their container restarts.
   */
  public updateSecret(name: string, data: Readonly<Record<string, string>>): void {
    this.assertOpen();
    this.secrets[name] = { ...data };
    for (const pod of [...this.pods.values(), ...this.jobPods]) {
      pod.refreshSecret(name);
    }
    this.event(`Secret ${name} updated: keys ${Object.keys(data).join(', ')}`);
  }

  /**
   * The password Redis requires, as the Redis container gets it (REDISCLI_AUTH from a Secret), or
   * undefined when the manifests turn auth off. Clients of the tests use it as any client would.
   */
  public get redisPassword(): string | undefined {
    if (this.observer) {
      return this.observer.password;
    }
    const container = this.statefulSet.spec!.template.spec!.containers[0];
    const ref = container.env?.find((e) => e.name === 'REDISCLI_AUTH')?.valueFrom?.secretKeyRef;
    return ref ? this.secretValue(ref.name!, ref.key) : undefined;
  }

  /**
   * The files a client of the tests uses when the manifests turn TLS on (REDIS_TLS=1 in the Redis
   * container): the CA, certificate and key the pods use, read from the Secret their volume
   * projects; undefined without TLS.
   */
  public get redisTls(): ClientTls | undefined {
    const spec = this.statefulSet.spec!.template.spec!;
    const container = spec.containers[0];
    const env = (name: string) => container.env?.find((e) => e.name === name)?.value;
    if (env('REDIS_TLS') !== '1') {
      return undefined;
    }
    const read = (variable: string): string => {
      const file = env(variable)!;
      const mount = (container.volumeMounts ?? []).find((m) => file.startsWith(`${m.mountPath.replace(/\/$/, '')}/`));
      const secret = spec.volumes?.find((v) => v.name === mount?.name)?.secret;
      if (!mount || !secret) {
        throw new Error(`${variable} is ${file}, which is on no Secret volume of the Redis container`);
      }
      const relative = file.slice(mount.mountPath.replace(/\/$/, '').length + 1);
      const key = secret.items?.find((i) => i.path === relative)?.key ?? relative;
      const value = this.secretValue(secret.secretName!, key);
      if (value === undefined) {
        throw new Error(`${variable} reads key ${key} of Secret ${secret.secretName}, which does not exist`);
      }
      return value;
    };
    return { ca: read('REDIS_TLS_CA_FILE'), cert: read('REDIS_TLS_CERT_FILE'), key: read('REDIS_TLS_KEY_FILE') };
  }

  /** The user the tests' observers connect as; undefined for the default user. */
  public get redisUsername(): string | undefined {
    return this.observer?.username;
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
    removeMountPoints(this.mountPoints.splice(0));
    if (this.keepWorkDir) {
      console.log(`live harness: kept ${this.workDir}`);
    } else {
      fs.rmSync(this.workDir, { recursive: true, force: true });
    }
  }

  /** @internal A pod created `target` on the host (and its parents up to `first`) to mount on. */
  public createdMountPoint(first: string, target: string): void {
    this.mountPoints.push({ first, target });
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

/**
 * Removes the mount points the pods created on the host (e.g. /data), deepest first, as long as a
 * directory is empty and no process, in any mount namespace, still has something mounted on it
 * (another harness running at the same time may use the same path).
 */
function removeMountPoints(created: ReadonlyArray<{ readonly first: string; readonly target: string }>): void {
  const mounted = mountedPaths();
  for (const { first, target } of [...created].reverse()) {
    for (let dir = target; dir.startsWith(first); dir = path.dirname(dir)) {
      try {
        if (mounted.has(dir) || fs.readdirSync(dir).length > 0) break;
        fs.rmdirSync(dir);
      } catch {
        break;
      }
      if (dir === first) break;
    }
  }
}

/** Every mount point of every process's mount namespace (field 5 of /proc/PID/mountinfo). */
function mountedPaths(): Set<string> {
  const paths = new Set<string>();
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      for (const line of fs.readFileSync(`/proc/${pid}/mountinfo`, 'utf8').split('\n')) {
        const mountPoint = line.split(' ')[4];
        if (mountPoint) paths.add(mountPoint.replace(/\\040/g, ' '));
      }
    } catch {
      // The process has exited.
    }
  }
  return paths;
}
