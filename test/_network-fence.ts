import * as net from 'net';
import { Manifest } from './_synth';

/** A pod as NetworkPolicies see it: its namespace, its labels and its address. */
export interface PolicyPod {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly address: string;
}

type LabelSelector = { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };

function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (selector?.matchExpressions?.length) {
    throw new Error('matchExpressions are not supported by this evaluator: extend it before using them');
  }
  return Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
}

function inCidr(address: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const toInt = (a: string) => a.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toInt(address) / size) === Math.floor(toInt(base) / size);
}

/**
 * Whether Kubernetes NetworkPolicies admit a TCP connection from `source` to `port` of `target`,
 * by the rules of the networking.k8s.io/v1 API: a pod no Ingress policy selects admits everything;
 * a selected pod admits a connection that some rule of a selecting policy admits (the rule's ports,
 * if any, include the port, and one of its peers, if any, matches the source). A peer with only a
 * podSelector means pods of the policy's namespace; a namespaceSelector picks namespaces (all, when
 * empty; namespaces carry only their name label here); an ipBlock matches the source's address.
 */
export function admits(policies: readonly Manifest[], source: PolicyPod, target: PolicyPod, port: number): boolean {
  const selecting = policies.filter((p) => p.kind === 'NetworkPolicy'
    && (p.metadata.namespace ?? 'default') === target.namespace
    && selects(p.spec.podSelector, target.labels)
    && (p.spec.policyTypes ?? ['Ingress']).includes('Ingress'));
  if (selecting.length === 0) {
    return true;
  }
  return selecting.some((policy) => (policy.spec.ingress ?? []).some((rule: any) => {
    const portOk = !rule.ports?.length || rule.ports.some((p: any) => (p.protocol ?? 'TCP') === 'TCP' && (p.port === undefined || (p.port <= port && port <= (p.endPort ?? p.port))));
    const peerOk = !rule.from?.length || rule.from.some((peer: any) => {
      if (peer.ipBlock) {
        return inCidr(source.address, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c: string) => inCidr(source.address, c));
      }
      const namespaceOk = peer.namespaceSelector
        ? selects(peer.namespaceSelector, { 'kubernetes.io/metadata.name': source.namespace })
        : source.namespace === policy.metadata.namespace;
      return namespaceOk && selects(peer.podSelector, source.labels);
    });
    return portOk && peerOk;
  }));
}

/** A decision of the fence: who tried to connect where, and whether it was let through. */
export interface FenceDecision {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly admitted: boolean;
}

/**
 * Enforces NetworkPolicies between local processes, the way a network plugin does between pods: a
 * TCP forwarder in front of each pod port it is given, which identifies the connecting pod by its
 * source address and closes every connection the policies do not admit. An admitted connection is
 * forwarded from the same source address, so the receiver sees who really called.
 */
export class NetworkFence {
  public readonly decisions: FenceDecision[] = [];
  private readonly servers: net.Server[] = [];
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly policies: readonly Manifest[], private readonly pods: readonly PolicyPod[]) {}

  /**
   * Guards `podPort` (the port the policies name) of `target`, listening on `listenPort` of its
   * address and forwarding to `backendPort` there.
   */
  public async guard(target: PolicyPod, podPort: number, listenPort: number, backendPort: number): Promise<void> {
    const server = net.createServer((socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      const from = socket.remoteAddress!.replace(/^::ffff:/, '');
      const source = this.pods.find((p) => p.address === from);
      const admitted = source !== undefined && admits(this.policies, source, target, podPort);
      this.decisions.push({ from: source?.name ?? from, to: target.name, port: podPort, admitted });
      if (!admitted) {
        socket.destroy();
        return;
      }
      const upstream = net.connect({ host: target.address, port: backendPort, localAddress: from });
      this.sockets.add(upstream);
      upstream.once('close', () => { this.sockets.delete(upstream); socket.destroy(); });
      socket.once('close', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
      socket.pipe(upstream);
      upstream.pipe(socket);
    });
    this.servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(listenPort, target.address, () => resolve());
    });
  }

  /** Stops every forwarder and closes every connection. */
  public async close(): Promise<void> {
    for (const s of this.sockets) {
      s.destroy();
    }
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}
