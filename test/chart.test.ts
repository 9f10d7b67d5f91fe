import * as fs from 'fs';
import * as path from 'path';
import { findObject, Manifest, parseYaml, synthToDisk } from './_synth';

/** Looks up the kubernetes-models class for an object's apiVersion and kind. */
function modelFor(o: Manifest): any {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : [undefined, o.apiVersion];
  const modulePath = group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const model = require(modulePath)[o.kind];
  if (!model) {
    throw new Error(`no schema for ${o.apiVersion} ${o.kind}`);
  }
  return model;
}

describe('the default chart', () => {
  const { text, objects } = synthToDisk();

  test('matches the reviewed snapshot', () => {
    expect(text).toMatchSnapshot();
  });

  test('every object passes the Kubernetes schema, as written to disk', () => {
    for (const o of objects) {
      const Model = modelFor(o);
      expect(() => new Model(o).validate()).not.toThrow();
    }
  });

  test('holds exactly the objects of a Redis Cluster, in apply order', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/redis',
      'ConfigMap/redis-conf',
      'Service/redis-service',
      'StatefulSet/redis-app',
      'Service/redis-access-service',
      expect.stringMatching(/^Job\/redis-cluster-init-[0-9a-f]{8}$/),
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
    const Model = modelFor(sts);
    expect(() => new Model(sts).validate()).toThrow();
  });

  test('parses back without YAML errors', () => {
    expect(() => parseYaml(text)).not.toThrow();
  });
});
