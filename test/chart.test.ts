import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { findObject, Manifest, parseYaml, synthToDisk, validateSchema } from './_synth';
import { RedisCluster, RedisClusterProps } from '../src';

describe('the default chart', () => {
  const { text, objects } = synthToDisk();

  test('matches the reviewed snapshot', () => {
    expect(text).toMatchSnapshot();
  });

  test('every object passes the Kubernetes schema, as written to disk', () => {
    for (const o of objects) {
      expect(() => validateSchema(o)).not.toThrow();
    }
  });

  test('holds exactly the objects of a Redis Cluster, in apply order', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/redis',
      'ConfigMap/redis-conf',
      'Service/redis-service',
      'StatefulSet/redis-app',
      'Service/redis-access-service',
      'PodDisruptionBudget/redis-app',
      expect.stringMatching(/^Job\/redis-cluster-init-[0-9a-f]{8}$/),
      'NetworkPolicy/redis-app',
      'NetworkPolicy/redis-app-external',
    ]);
  });

  test('puts every namespaced object in the redis namespace, and the Namespace in none', () => {
    for (const o of objects) {
      if (o.kind === 'Namespace') {
        expect(o.metadata.namespace).toBeUndefined();
      } else {
        expect(o.metadata.namespace).toBe('redis');
      }
    }
  });

  test('the committed dist/ is what the default chart synthesizes', () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', 'dist', 'redis-cluster.k8s.yaml'), 'utf8');
    expect(committed).toBe(text);
  });

  test('the schema check rejects a broken object (it can fail)', () => {
    const sts = JSON.parse(JSON.stringify(findObject(objects, 'StatefulSet')));
    sts.spec.replicas = 'six';
    expect(() => validateSchema(sts)).toThrow();
  });

  test('parses back without YAML errors', () => {
    expect(() => parseYaml(text)).not.toThrow();
  });
});

describe('a RedisCluster in a Chart of your own', () => {
  function synthIn(chartNamespace: string | undefined, props: RedisClusterProps = {}): Manifest[] {
    const app = Testing.app();
    const chart = new Chart(app, 'cache', { namespace: chartNamespace });
    // Any namespace but 'redis' needs createNamespace stated; these tests let the cluster own it.
    new RedisCluster(chart, 'Redis', { createNamespace: true, ...props });
    return parseYaml(app.synthYaml());
  }

  test("takes the Chart's namespace when the namespace prop is unset", () => {
    const objects = synthIn('cache');
    expect(findObject(objects, 'Namespace').metadata.name).toBe('cache');
    for (const o of objects.filter((x) => x.kind !== 'Namespace')) {
      expect(`${o.kind}/${o.metadata.name} in ${o.metadata.namespace}`).toBe(`${o.kind}/${o.metadata.name} in cache`);
    }
    // The pods' DNS names follow the namespace.
    const job = findObject(objects, 'Job');
    expect(JSON.stringify(job.spec.template.spec)).toContain('redis-app-0.redis-service.cache.svc.cluster.local');
  });

  test('keeps the Namespace object cluster-scoped under a namespaced Chart', () => {
    expect(findObject(synthIn('cache'), 'Namespace').metadata.namespace).toBeUndefined();
  });

  test("the namespace prop wins over the Chart's namespace", () => {
    const objects = synthIn('cache', { namespace: 'redis-prod' });
    expect(findObject(objects, 'StatefulSet').metadata.namespace).toBe('redis-prod');
    expect(findObject(objects, 'Namespace').metadata.name).toBe('redis-prod');
  });

  test("uses 'redis' when neither the prop nor the Chart names a namespace", () => {
    expect(findObject(synthIn(undefined), 'StatefulSet').metadata.namespace).toBe('redis');
  });
});
