/**
 * Rules the Kubernetes API server (or the controllers behind it) enforces that an OpenAPI schema
 * does not express: name and label formats, references between objects, and references inside a
 * pod spec. `checkApiRules` takes the parsed documents of a synthesized manifest and returns one
 * line per broken rule, `<Kind>/<name>: <problem>`; an empty list means the manifest passes.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/apps/validation/validation.go
 */
import { parseQuantity } from '../src/_quantity';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** Environment variable names the API server accepts (it relaxed C identifiers in 1.x). */
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
/** IANA service names, as container and Service port names must be. */
const PORT_NAME = /^(?=.{1,15}$)(?=.*[a-z])[a-z0-9]([a-z0-9]|-(?=[a-z0-9]))*$/;
const CLUSTER_SCOPED = ['Namespace'];
/** Labels the StatefulSet controller adds to its pods, by key: the value each pod gets. */
const STATEFULSET_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';

export function isDnsLabel(s: unknown): boolean {
  return typeof s === 'string' && s.length <= 63 && DNS_LABEL.test(s);
}

/** What Kubernetes calls a DNS-1123 subdomain: no limit per part, 253 characters in all. */
export function isDnsSubdomain(s: unknown): boolean {
  return typeof s === 'string' && s.length <= 253 && s.split('.').every((part) => DNS_LABEL.test(part));
}

/** A label or annotation key: an optional DNS-subdomain prefix and '/', then a name of up to 63. */
export function isQualifiedName(key: unknown): boolean {
  if (typeof key !== 'string') return false;
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  return (parts.length === 1 || (parts[0].length > 0 && isDnsSubdomain(parts[0]))) && name.length <= 63 && LABEL_NAME.test(name);
}

export function isLabelValue(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 63 && LABEL_VALUE.test(value);
}

/** Checks every rule over a whole manifest. */
export function checkApiRules(objects: readonly any[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const o of objects) {
    const id = `${o?.kind}/${o?.metadata?.name}`;
    const report = (problem: string) => problems.push(`${id}: ${problem}`);
    const key = `${o?.kind}/${o?.metadata?.namespace ?? ''}/${o?.metadata?.name}`;
    if (seen.has(key)) report('another object of this kind has the same name in the same namespace');
    seen.add(key);
    checkMetadata(o, objects, report);
    switch (o?.kind) {
      case 'ConfigMap': checkConfigMap(o, report); break;
      case 'Service': checkService(o, objects, report); break;
      case 'StatefulSet': checkStatefulSet(o, objects, report); break;
      case 'Job': checkJob(o, objects, report); break;
    }
  }
  return problems;
}

type Report = (problem: string) => void;

function checkMetadata(o: any, objects: readonly any[], report: Report): void {
  const { name, namespace, labels = {}, annotations = {} } = o.metadata ?? {};
  const nameOk = o.kind === 'Service' ? typeof name === 'string' && name.length <= 63 && DNS_1035_LABEL.test(name)
    : o.kind === 'Namespace' ? isDnsLabel(name) : isDnsSubdomain(name);
  if (!nameOk) report(`metadata.name ${JSON.stringify(name)} is not a valid ${o.kind} name`);
  if (CLUSTER_SCOPED.includes(o.kind)) {
    if (namespace !== undefined) report('a cluster-scoped object has metadata.namespace');
  } else {
    if (!isDnsLabel(namespace)) report(`metadata.namespace ${JSON.stringify(namespace)} is not a DNS-1123 label`);
    const namespaces = objects.filter((x) => x.kind === 'Namespace').map((x) => x.metadata.name);
    if (namespaces.length > 0 && !namespaces.includes(namespace)) report(`namespace ${JSON.stringify(namespace)} is not among the Namespaces of the manifest`);
  }
  checkLabels(labels, 'metadata.labels', report);
  for (const k of Object.keys(annotations)) {
    if (!isQualifiedName(k)) report(`annotation key ${JSON.stringify(k)} is not a qualified name`);
  }
  if (JSON.stringify(annotations).length > 256 * 1024) report('annotations exceed 256 KiB');
}

function checkLabels(labels: Record<string, unknown>, where: string, report: Report): void {
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (!isQualifiedName(k)) report(`${where} key ${JSON.stringify(k)} is not a qualified name`);
    if (!isLabelValue(v)) report(`${where}[${JSON.stringify(k)}] value ${JSON.stringify(v)} is not a label value (at most 63 alphanumerics, '-', '_', '.')`);
  }
}

function checkConfigMap(o: any, report: Report): void {
  const data = { ...(o.data ?? {}), ...(o.binaryData ?? {}) };
  for (const k of Object.keys(data)) {
    if (!CONFIG_MAP_KEY.test(k) || k.length > 253) report(`data key ${JSON.stringify(k)} is not a valid ConfigMap key`);
  }
  if (JSON.stringify(data).length > 1024 * 1024) report('data exceeds 1 MiB');
}

/** The pod templates of the manifest, with the labels each pod will carry. */
function podTemplates(objects: readonly any[]): { owner: any; labels: Record<string, string>; podNames: string[]; spec: any }[] {
  return objects.filter((o) => ['StatefulSet', 'Job'].includes(o.kind)).map((o) => ({
    owner: o,
    labels: o.spec?.template?.metadata?.labels ?? {},
    podNames: o.kind === 'StatefulSet' ? Array.from({ length: o.spec.replicas ?? 1 }, (_, i) => `${o.metadata.name}-${i}`) : [],
    spec: o.spec?.template?.spec ?? {},
  }));
}

function selects(selector: Record<string, string>, pod: { labels: Record<string, string>; podNames: string[] }): boolean {
  return Object.entries(selector).every(([k, v]) => (k === STATEFULSET_POD_NAME_LABEL ? pod.podNames.includes(v) : pod.labels[k] === v));
}

function checkService(o: any, objects: readonly any[], report: Report): void {
  const spec = o.spec ?? {};
  const ports: any[] = spec.ports ?? [];
  const names = ports.map((p) => p.name);
  if (ports.length > 1 && names.some((n) => !n)) report('every port of a multi-port Service needs a name');
  names.forEach((n, i) => {
    if (n !== undefined && !PORT_NAME.test(n)) report(`spec.ports[${i}].name ${JSON.stringify(n)} is not an IANA service name`);
    if (n !== undefined && names.indexOf(n) !== i) report(`spec.ports[${i}].name ${JSON.stringify(n)} is used twice`);
  });
  ports.forEach((p, i) => {
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) report(`spec.ports[${i}].port ${p.port} is not a port number`);
    if (p.nodePort !== undefined) {
      if (!['NodePort', 'LoadBalancer'].includes(spec.type)) report(`spec.ports[${i}].nodePort is set on a Service of type ${spec.type}`);
      if (!Number.isInteger(p.nodePort) || p.nodePort < 30000 || p.nodePort > 32767) report(`spec.ports[${i}].nodePort ${p.nodePort} is outside 30000-32767`);
    }
    const dup = ports.findIndex((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
    if (dup !== i) report(`spec.ports[${i}] repeats port ${p.port}`);
  });
  const nodePorts = ports.map((p) => p.nodePort).filter((n) => n !== undefined);
  const otherNodePorts = objects.filter((x) => x !== o && x.kind === 'Service').flatMap((x) => (x.spec?.ports ?? []).map((p: any) => p.nodePort)).filter((n) => n !== undefined);
  nodePorts.forEach((n, i) => {
    if (nodePorts.indexOf(n) !== i || otherNodePorts.includes(n)) report(`nodePort ${n} is allocated twice`);
  });
  if (spec.clusterIP === 'None' && spec.type && spec.type !== 'ClusterIP') report(`a headless Service must be of type ClusterIP, not ${spec.type}`);
  if (spec.selector) {
    checkLabels(spec.selector, 'spec.selector', report);
    const pods = podTemplates(objects).filter((pod) => selects(spec.selector, pod));
    if (pods.length === 0) {
      report(`spec.selector ${JSON.stringify(spec.selector)} matches no pod template of the manifest`);
    }
    ports.forEach((p, i) => {
      const target = p.targetPort ?? p.port;
      const served = pods.some((pod) => (pod.spec.containers ?? []).some((c: any) => (c.ports ?? []).some(
        (cp: any) => (typeof target === 'number' ? cp.containerPort === target : cp.name === target))));
      if (pods.length > 0 && !served) report(`spec.ports[${i}].targetPort ${JSON.stringify(target)} is not a container port of the selected pods`);
    });
  }
}

function checkStatefulSet(o: any, objects: readonly any[], report: Report): void {
  const spec = o.spec ?? {};
  const templateLabels = spec.template?.metadata?.labels ?? {};
  const matchLabels = spec.selector?.matchLabels ?? {};
  if (Object.keys(matchLabels).length === 0) report('spec.selector is empty');
  for (const [k, v] of Object.entries(matchLabels)) {
    if (templateLabels[k] !== v) report(`spec.selector.matchLabels[${JSON.stringify(k)}] = ${JSON.stringify(v)} does not match the pod template labels`);
  }
  checkLabels(templateLabels, 'spec.template.metadata.labels', report);
  const service = objects.find((x) => x.kind === 'Service' && x.metadata?.name === spec.serviceName && x.metadata?.namespace === o.metadata?.namespace);
  if (!service) {
    report(`spec.serviceName ${JSON.stringify(spec.serviceName)} names no Service in the manifest's namespace ${o.metadata?.namespace}`);
  } else if (service.spec?.clusterIP !== 'None') {
    report(`spec.serviceName ${JSON.stringify(spec.serviceName)} names a Service that is not headless (clusterIP: None)`);
  }
  if (!Number.isInteger(spec.replicas) || spec.replicas < 0) report(`spec.replicas ${spec.replicas} is not a non-negative integer`);
  const lastPod = `${o.metadata?.name}-${Math.max(0, (spec.replicas ?? 1) - 1)}`;
  if (!isDnsLabel(lastPod)) report(`pod name ${JSON.stringify(lastPod)} is not a DNS-1123 label (pods use it as their hostname)`);
  // The controller labels each pod controller-revision-hash: <name>-<10-character hash>.
  if (`${o.metadata?.name}-0123456789`.length > 63) report('the name leaves no room for the controller-revision-hash label value (at most 52 characters)');
  const claims: any[] = spec.volumeClaimTemplates ?? [];
  claims.forEach((c, i) => {
    if (!isDnsLabel(c.metadata?.name)) report(`spec.volumeClaimTemplates[${i}].metadata.name ${JSON.stringify(c.metadata?.name)} is not a DNS-1123 label`);
    const storage = c.spec?.resources?.requests?.storage;
    const q = parseQuantity(String(storage));
    if (!q || q.value <= 0) report(`spec.volumeClaimTemplates[${i}] requests storage ${JSON.stringify(storage)}, not a positive quantity`);
    checkLabels(c.metadata?.labels ?? {}, `spec.volumeClaimTemplates[${i}].metadata.labels`, report);
    // PVC names are <claim>-<pod>, and must be DNS subdomains.
    if (!isDnsSubdomain(`${c.metadata?.name}-${lastPod}`)) report(`PVC name ${c.metadata?.name}-${lastPod} is not a DNS-1123 subdomain`);
  });
  checkPodSpec(spec.template?.spec ?? {}, claims.map((c) => c.metadata?.name), o.metadata?.namespace, objects, report);
}

function checkJob(o: any, objects: readonly any[], report: Report): void {
  const podSpec = o.spec?.template?.spec ?? {};
  if (!['Never', 'OnFailure'].includes(podSpec.restartPolicy)) report(`spec.template.spec.restartPolicy must be Never or OnFailure, not ${JSON.stringify(podSpec.restartPolicy)}`);
  // The Job controller labels its pods job-name: <name>.
  if (!isLabelValue(o.metadata?.name)) report('the name is not a valid label value (pods are labelled job-name: <name>)');
  checkLabels(o.spec?.template?.metadata?.labels ?? {}, 'spec.template.metadata.labels', report);
  checkPodSpec(podSpec, [], o.metadata?.namespace, objects, report);
}

function checkPodSpec(spec: any, claimNames: readonly string[], namespace: string, objects: readonly any[], report: Report): void {
  const volumes: any[] = spec.volumes ?? [];
  const volumeNames = volumes.map((v) => v.name);
  volumeNames.forEach((n, i) => {
    if (!isDnsLabel(n)) report(`volume name ${JSON.stringify(n)} is not a DNS-1123 label`);
    if (volumeNames.indexOf(n) !== i || claimNames.includes(n)) report(`volume name ${JSON.stringify(n)} is used twice`);
  });
  for (const v of volumes) {
    if (v.configMap) {
      const cm = objects.find((x) => x.kind === 'ConfigMap' && x.metadata?.name === v.configMap.name && x.metadata?.namespace === namespace);
      if (!cm && !v.configMap.optional) report(`volume ${v.name} mounts ConfigMap ${JSON.stringify(v.configMap.name)}, which is not in the manifest's namespace ${namespace}`);
    }
  }
  checkScheduling(spec, report);
  const containers: any[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  if ((spec.containers ?? []).length === 0) report('the pod has no containers');
  const containerNames = containers.map((c) => c.name);
  containers.forEach((c, ci) => {
    const where = `container ${JSON.stringify(c.name)}`;
    if (!isDnsLabel(c.name)) report(`${where}: the name is not a DNS-1123 label`);
    if (containerNames.indexOf(c.name) !== ci) report(`${where}: the name is used twice`);
    (c.env ?? []).forEach((e: any) => {
      if (typeof e.name !== 'string' || !ENV_VAR_NAME.test(e.name)) report(`${where}: env var name ${JSON.stringify(e.name)} is not valid`);
    });
    const ports: any[] = c.ports ?? [];
    ports.forEach((p) => {
      if (!Number.isInteger(p.containerPort) || p.containerPort < 1 || p.containerPort > 65535) report(`${where}: containerPort ${p.containerPort} is not a port number`);
      if (p.name !== undefined && !PORT_NAME.test(p.name)) report(`${where}: port name ${JSON.stringify(p.name)} is not an IANA service name`);
    });
    const portNames = ports.map((p) => p.name).filter((n) => n !== undefined);
    portNames.forEach((n, i) => {
      if (portNames.indexOf(n) !== i) report(`${where}: port name ${JSON.stringify(n)} is used twice`);
    });
    const mounts: any[] = c.volumeMounts ?? [];
    mounts.forEach((m, i) => {
      if (!volumeNames.includes(m.name) && !claimNames.includes(m.name)) report(`${where}: volumeMounts[${i}] names ${JSON.stringify(m.name)}, which is neither a volume nor a volumeClaimTemplate`);
      if (mounts.findIndex((x) => x.mountPath === m.mountPath) !== i) report(`${where}: mountPath ${m.mountPath} is mounted twice`);
    });
    for (const kind of ['cpu', 'memory']) {
      const request = c.resources?.requests?.[kind];
      const limit = c.resources?.limits?.[kind];
      const r = request !== undefined ? parseQuantity(String(request)) : undefined;
      const l = limit !== undefined ? parseQuantity(String(limit)) : undefined;
      if (request !== undefined && !r) report(`${where}: resources.requests.${kind} ${JSON.stringify(request)} is not a quantity`);
      if (limit !== undefined && !l) report(`${where}: resources.limits.${kind} ${JSON.stringify(limit)} is not a quantity`);
      if (r && l && r.value > l.value) report(`${where}: resources.requests.${kind} ${request} exceeds the limit ${limit}`);
    }
    // Files the container runs from a mounted ConfigMap must be keys of that ConfigMap.
    const commands = [c.command, c.args, c.startupProbe?.exec?.command, c.livenessProbe?.exec?.command, c.readinessProbe?.exec?.command]
      .flatMap((x) => (Array.isArray(x) ? x : []))
      .filter((x): x is string => typeof x === 'string');
    for (const m of mounts) {
      const volume = volumes.find((v) => v.name === m.name);
      const cm = volume?.configMap && objects.find((x) => x.kind === 'ConfigMap' && x.metadata?.name === volume.configMap.name && x.metadata?.namespace === namespace);
      if (!cm || volume.configMap.items) continue;
      const prefix = `${String(m.mountPath).replace(/\/$/, '')}/`;
      for (const arg of commands.filter((a) => a.startsWith(prefix))) {
        const key = arg.slice(prefix.length);
        if (!(key in (cm.data ?? {}))) report(`${where}: runs ${arg}, but ConfigMap ${cm.metadata.name} has no key ${JSON.stringify(key)}`);
      }
    }
  });
}

/** validateTolerations and validateTopologySpreadConstraints of the API server. */
function checkScheduling(spec: any, report: Report): void {
  (spec.tolerations ?? []).forEach((t: any, i: number) => {
    const where = `tolerations[${i}]`;
    const operator = t.operator ?? 'Equal';
    if (!['Equal', 'Exists'].includes(operator)) report(`${where}.operator ${JSON.stringify(t.operator)} is not Equal or Exists`);
    if (t.effect !== undefined && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) report(`${where}.effect ${JSON.stringify(t.effect)} is not a taint effect`);
    if ((t.key ?? '') === '' && operator !== 'Exists') report(`${where} has no key, so its operator must be Exists`);
    if ((t.key ?? '') !== '' && !isQualifiedName(t.key)) report(`${where}.key ${JSON.stringify(t.key)} is not a qualified name`);
    if (operator === 'Exists' && (t.value ?? '') !== '') report(`${where}.value must be empty with operator Exists`);
    if (operator === 'Equal' && t.value !== undefined && !isLabelValue(t.value)) report(`${where}.value ${JSON.stringify(t.value)} is not a label value`);
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') report(`${where}.tolerationSeconds needs effect NoExecute`);
  });
  const pairs = new Set<string>();
  (spec.topologySpreadConstraints ?? []).forEach((c: any, i: number) => {
    const where = `topologySpreadConstraints[${i}]`;
    if (!Number.isInteger(c.maxSkew) || c.maxSkew < 1) report(`${where}.maxSkew ${JSON.stringify(c.maxSkew)} is not an integer of at least 1`);
    if (!isQualifiedName(c.topologyKey)) report(`${where}.topologyKey ${JSON.stringify(c.topologyKey)} is not a qualified name`);
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(c.whenUnsatisfiable)) report(`${where}.whenUnsatisfiable ${JSON.stringify(c.whenUnsatisfiable)} is not DoNotSchedule or ScheduleAnyway`);
    if (c.minDomains !== undefined && (!Number.isInteger(c.minDomains) || c.minDomains < 1 || c.whenUnsatisfiable !== 'DoNotSchedule')) report(`${where}.minDomains needs an integer of at least 1 and DoNotSchedule`);
    for (const policy of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (c[policy] !== undefined && !['Honor', 'Ignore'].includes(c[policy])) report(`${where}.${policy} ${JSON.stringify(c[policy])} is not Honor or Ignore`);
    }
    const pair = `${c.topologyKey}/${c.whenUnsatisfiable}`;
    if (pairs.has(pair)) report(`${where} repeats the pair ${pair}`);
    pairs.add(pair);
  });
}
