import * as fs from 'fs';
import * as path from 'path';
import { findObject, parseYaml, synthToDisk, validateSchema } from './_synth';

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
