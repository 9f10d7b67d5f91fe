import { checkApiRules } from './_api-rules';
import { BadInput, expectRefused } from './_bad-inputs';
import { synthToDisk } from './_synth';
import { ValidationError } from '../src';
import { resolve } from '../src/cluster/resolve';

/**
 * Inputs that type-check and that the older rules let through, but that would break at deploy
 * time (the API server refuses the manifest), at start (Redis refuses its config), or silently do
 * harm (an open cluster bus, a relabelled namespace). Each is refused by resolve(), before
 * anything is written.
 */
const PER_POD = { externalServicePerPod: true, nodePort: 30100, busNodePort: 30200 } as const;

const BAD_INPUTS: readonly BadInput[] = [
  // Values Redis refuses at start although the directive and its type are right
  { when: 'maxmemory-clients is a percentage above 100', props: { redisConfig: { 'maxmemory-clients': '150%' } }, says: ["redisConfig['maxmemory-clients'] must be a percentage from 0% to 100%", 'got "150%"'] },
  { when: 'a signed memory directive is above 2^63 - 1 bytes', props: { redisConfig: { 'repl-backlog-size': '9223372036854775808' } }, says: ['at most 9223372036854775807 bytes', 'got "9223372036854775808"'] },
  { when: 'a memory directive overflows through its unit', props: { redisConfig: { 'client-query-buffer-limit': '9000000000gb' } }, says: ["redisConfig['client-query-buffer-limit'] must be at most"] },
  { when: 'proc-title-template names an unknown variable', props: { redisConfig: { 'proc-title-template': '"{title} {pod}"' } }, says: ['the unknown variable "{pod}"', '{listen-addr}'] },
  { when: 'proc-title-template has spaces but no quotes', props: { redisConfig: { 'proc-title-template': '{title} {port}' } }, says: ['must be one non-blank template (quote it when it has spaces)'] },
  { when: 'proc-title-template leaves a brace open', props: { redisConfig: { 'proc-title-template': '{title' } }, says: ["an unclosed '{'"] },
  { when: 'shutdown-on-sigterm has both save and nosave', props: { redisConfig: { 'shutdown-on-sigterm': 'save nosave' } }, says: ['both save and nosave', 'keep one'] },

  // Kubernetes fields passed through to the pod spec
  { when: 'a toleration has an unknown operator', props: { tolerations: [{ key: 'redis', operator: 'In' as any }] }, says: ['tolerations[0].operator must be one of Equal, Exists', 'got "In"'] },
  { when: 'a toleration operator has the wrong case', props: { tolerations: [{ key: 'redis', operator: 'exists' as any }] }, says: ['set it to "Exists"'] },
  { when: 'a toleration has an unknown effect', props: { tolerations: [{ key: 'redis', operator: 'Exists', effect: 'NoScheduling' }] }, says: ['tolerations[0].effect must be one of NoSchedule, PreferNoSchedule, NoExecute', 'set it to "NoSchedule"'] },
  { when: 'a toleration with Exists has a value', props: { tolerations: [{ key: 'redis', operator: 'Exists', value: 'true' }] }, says: ['tolerations[0].value must be empty when operator is Exists'] },
  { when: 'a toleration has no key and operator Equal', props: { tolerations: [{ value: 'x', effect: 'NoSchedule' }] }, says: ['tolerations[0] has no key, so its operator must be Exists'] },
  { when: 'a toleration has tolerationSeconds without NoExecute', props: { tolerations: [{ key: 'redis', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 60 }] }, says: ['tolerationSeconds is set', 'only with effect NoExecute'] },
  { when: 'a toleration key is not a label key', props: { tolerations: [{ key: 'bad key', operator: 'Exists' }] }, says: ['tolerations[0].key must be a label key', 'got "bad key"'] },
  { when: 'a toleration field is misspelt', props: { tolerations: [{ key: 'redis', operater: 'Exists' } as any] }, says: ['tolerations[0] has no field "operater" (did you mean "operator"?)'] },
  { when: 'tolerations is not an array', props: { tolerations: { key: 'redis' } as any }, says: ['tolerations must be an array'] },
  { when: 'maxSkew is 0', props: { topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' }] }, says: ['topologySpreadConstraints[0].maxSkew must be an integer of at least 1', 'got 0'] },
  { when: 'maxSkew is a fraction', props: { topologySpreadConstraints: [{ maxSkew: 1.5, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' }] }, says: ['maxSkew must be an integer of at least 1', 'got 1.5'] },
  { when: 'whenUnsatisfiable is not an allowed value', props: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyWay' }] }, says: ['whenUnsatisfiable must be one of DoNotSchedule, ScheduleAnyway', 'set it to "ScheduleAnyway"'] },
  { when: 'a spread constraint has no topologyKey', props: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: '', whenUnsatisfiable: 'DoNotSchedule' }] }, says: ['topologyKey must be a node label key', 'got ""'] },
  { when: 'minDomains is set with ScheduleAnyway', props: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', minDomains: 3 }] }, says: ['minDomains only with DoNotSchedule'] },
  { when: 'minDomains is 0', props: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', minDomains: 0 }] }, says: ['minDomains must be an integer of at least 1'] },
  { when: 'nodeTaintsPolicy is not Honor or Ignore', props: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', nodeTaintsPolicy: 'honor' }] }, says: ['nodeTaintsPolicy must be one of Honor, Ignore', 'set it to "Honor"'] },
  { when: 'two spread constraints share a key and mode', props: { topologySpreadConstraints: [1, 2].map((maxSkew) => ({ maxSkew, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' })) }, says: ['topologySpreadConstraints[1] repeats topologyKey "kubernetes.io/hostname"', 'merge the two'] },
  { when: 'a spread constraint selects pods by a bad label', props: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'a b' } } }] }, says: ['topologySpreadConstraints[0].labelSelector.matchLabels["app"] must be a label value'] },

  // Namespaces that exist already
  { when: 'namespace is kube-system', props: { namespace: 'kube-system' }, says: ['namespace must not be a system namespace, got "kube-system"'] },
  { when: 'namespace is kube-public, even without createNamespace', props: { namespace: 'kube-public', createNamespace: false }, says: ['namespace must not be a system namespace, got "kube-public"'] },
  { when: 'namespace is kube-node-lease', props: { namespace: 'kube-node-lease', createNamespace: true }, says: ['got "kube-node-lease"'] },
  { when: 'namespace is default with createNamespace on', props: { namespace: 'default' }, says: ['namespace is "default" while createNamespace is on', 'or set createNamespace to false'] },
  { when: "namespace is an app's own, and createNamespace is left to its default", props: { namespace: 'shop' }, says: ['namespace is "shop", and createNamespace is not set', 'set createNamespace to true if this cluster owns the namespace, or to false'] },

  // The cluster bus through node ports
  { when: 'a Service per pod names no bus CIDRs (the bus would be open to everyone)', props: { ...PER_POD }, says: ['externalServicePerPod needs externalBusCidrs', 'not open to everyone by default'] },
  { when: 'a Service per pod has an empty list of bus CIDRs', props: { ...PER_POD, externalBusCidrs: [] }, says: ['externalServicePerPod needs externalBusCidrs, got []'] },
  { when: 'a bus CIDR is not a CIDR', props: { ...PER_POD, externalBusCidrs: ['10.0.0.0'] }, says: ['externalBusCidrs[0] must be a CIDR'] },
  { when: 'bus CIDRs are set without a Service per pod', props: { externalBusCidrs: ['10.0.0.0/16'] }, says: ['externalBusCidrs is set, but externalServicePerPod is not on'] },

  // Names and types of props
  { when: 'a prop is a shortened name of a real one', props: { replicas: 2 } as any, says: ['RedisCluster has no property "replicas" (did you mean "replicasPerShard"?): rename it to "replicasPerShard"'] },
  { when: 'a prop has the wrong case', props: { NameSpace: 'redis' } as any, says: ['(did you mean "namespace"?)'] },
  { when: 'shards is a numeric string', props: { shards: '6' as any }, says: ['got "6" (a string): write it as a number, not a string: shards: 6'] },
  { when: 'a port is a numeric string', props: { clientPort: '7000' as any }, says: ['clientPort', 'write it as a number, not a string: clientPort: 7000'] },
  { when: 'a numeric string is also out of range', props: { shards: '2' as any }, says: ['write it as a number, not a string: shards: <number>', 'set it shards to 3 or more'] },
];

describe('inputs refused before anything is written', () => {
  test.each(BAD_INPUTS.map((c) => [c.when, c] as const))('fails when %s', (_when, c) => expectRefused(c));

  test('the inputs are distinct', () => {
    const keys = BAD_INPUTS.map((c) => c.when);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('several errors', () => {
  test('fails with every error, one line each, in rule order, the first as before', () => {
    const props = { shards: 2, clientPort: 0, terminationGracePeriodSeconds: 5, cpuRequest: 'lots', tolerations: [{ operator: 'Maybe' }] } as any;
    let message = '';
    try {
      resolve(props);
    } catch (e) {
      message = (e as Error).message;
    }
    const lines = message.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^shards must be an integer of at least 3/);
    expect(lines[1]).toMatch(/^clientPort must be an integer from 1 to 65535/);
    expect(lines[2]).toMatch(/^tolerations\[0\]\.operator/);
    expect(lines[3]).toMatch(/^terminationGracePeriodSeconds must be longer/);
    expect(lines[4]).toMatch(/^cpuRequest must be a Kubernetes quantity/);
    // Alone, the first error is the same line.
    expect(() => resolve({ shards: 2 })).toThrow(new ValidationError(lines[0]));
  });

  test('fails with one line per unknown prop, never the list of every prop', () => {
    let message = '';
    try {
      resolve({ replicas: 1, foo: 1 } as any);
    } catch (e) {
      message = (e as Error).message;
    }
    const lines = message.split('\n');
    expect(lines).toEqual([
      'RedisCluster has no property "replicas" (did you mean "replicasPerShard"?): rename it to "replicasPerShard"',
      expect.stringMatching(/^RedisCluster has no property "foo": remove it \(its \d+ properties are documented in RedisClusterProps\)$/),
    ]);
    expect(lines.every((l) => l.length < 200)).toBe(true);
  });
});

describe('warnings', () => {
  test('warns when maxmemory is a bare number next to a memory limit in Gi', () => {
    const spec = resolve({ memoryLimit: '2Gi', redisConfig: { maxmemory: 1536 } });
    expect(spec.warnings).toContainEqual(expect.stringContaining("redisConfig['maxmemory'] is \"1536\", a bare number, which Redis reads as bytes"));
    expect(spec.warnings.join('\n')).toContain("e.g. '1536mb'");
  });

  test('warns when maxmemory is above 90% of the memory limit', () => {
    const spec = resolve({ memoryLimit: '1Gi', redisConfig: { maxmemory: '950mb' } });
    expect(spec.warnings).toContainEqual(expect.stringMatching(/is "950mb", 93% of memoryLimit "1Gi".*e\.g\. '768mb'/));
  });

  test('does not warn for maxmemory at 75% with a unit', () => {
    const spec = resolve({ memoryLimit: '1Gi', redisConfig: { maxmemory: '768mb' } });
    expect(spec.warnings.filter((w) => w.includes('maxmemory'))).toEqual([]);
  });

  test('warns when the cluster bus is opened to every address on purpose', () => {
    const spec = resolve({ ...PER_POD, externalBusCidrs: ['0.0.0.0/0'] });
    expect(spec.warnings).toContainEqual(expect.stringContaining('externalBusCidrs includes 0.0.0.0/0'));
    expect(resolve({ ...PER_POD, externalBusCidrs: ['10.0.0.0/16'] }).warnings.filter((w) => w.includes('externalBusCidrs'))).toEqual([]);
  });
});

describe('the manifest on disk', () => {
  test('admits the bus node ports from the bus CIDRs only, and the client port from the client CIDRs', () => {
    const { objects } = synthToDisk({ ...PER_POD, externalClientCidrs: ['203.0.113.0/24'], externalBusCidrs: ['10.0.0.0/16'] });
    const external = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'redis-app-external')!;
    expect(external.spec.ingress).toEqual([
      { ports: [{ protocol: 'TCP', port: 6379 }], from: [{ ipBlock: { cidr: '203.0.113.0/24' } }] },
      { ports: [{ protocol: 'TCP', port: 16379 }], from: [{ ipBlock: { cidr: '10.0.0.0/16' } }] },
    ]);
  });

  test('carries accepted tolerations and spread constraints, and they pass the API server rules', () => {
    const { objects } = synthToDisk({
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'redis', effect: 'NoExecute', tolerationSeconds: 30 }, { operator: 'Exists' }],
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', minDomains: 3, nodeTaintsPolicy: 'Honor' }],
    });
    const pod = objects.find((o) => o.kind === 'StatefulSet')!.spec.template.spec;
    expect(pod.tolerations).toHaveLength(2);
    expect(pod.topologySpreadConstraints[0].minDomains).toBe(3);
    expect(checkApiRules(objects)).toEqual([]);
  });

  test('fails when the YAML carries a spread constraint or toleration the API server refuses (the rules there can fail)', () => {
    const { objects } = synthToDisk({ tolerations: [{ key: 'redis', operator: 'Exists', effect: 'NoSchedule' }] });
    const pod = objects.find((o) => o.kind === 'StatefulSet')!.spec.template.spec;
    pod.topologySpreadConstraints[0].maxSkew = 0;
    pod.tolerations[0].operator = 'In';
    expect(checkApiRules(objects)).toEqual([
      expect.stringContaining('tolerations[0].operator "In" is not Equal or Exists'),
      expect.stringContaining('topologySpreadConstraints[0].maxSkew 0 is not an integer of at least 1'),
    ]);
  });

  test('fails when the namespace is a system one, at synth too', () => {
    expect(() => synthToDisk({ namespace: 'kube-system', createNamespace: false })).toThrow(/system namespace/);
  });
});
