import { Chart, Testing } from 'cdk8s';
import { RedisCluster, RedisClusterProps, RedisStorage } from '../src';
import { parseYaml } from './_synth';
import { nextSteps } from '../src/_next-steps';

/** The next steps for one RedisCluster in a chart, from the YAML text as written. */
function stepsFor(props: RedisClusterProps = {}, chartNamespace?: string): string {
  const app = Testing.app();
  const chart = new Chart(app, 'redis-cluster', { namespace: chartNamespace });
  new RedisCluster(chart, 'Redis', props);
  return nextSteps(parseYaml(app.synthYaml()), 'dist').join('\n');
}

describe('next steps after a good synth', () => {
  test('for the defaults: the Secret, the StorageClass, apply, wait for the init Job, connect', () => {
    const steps = stepsFor();
    expect(steps).toMatch(/^Next steps:\n1\. Create the Secret/);
    expect(steps).toContain('kubectl -n redis create secret generic redis-auth --from-literal=password="$(openssl rand -base64 32)"');
    expect(steps).toContain('kubectl get storageclass nfs-client');
    expect(steps).toContain('kubectl apply -f dist/');
    expect(steps).toMatch(/kubectl -n redis wait --for=condition=complete job\/redis-cluster-init-[0-9a-f]{8} --timeout=10m/);
    expect(steps).toContain('kubectl -n redis exec -it redis-app-0 -c redis -- redis-cli -c');
    // In the order a user runs them.
    const order = ['create secret', 'get storageclass', 'kubectl apply', 'kubectl -n redis wait', 'exec -it'].map((s) => steps.indexOf(s));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order).not.toContain(-1);
  });

  test('follow the names and the namespace the props choose', () => {
    const steps = stepsFor({ namespace: 'cache', createNamespace: true, authSecretName: 'cache-auth', authSecretKey: 'secret', statefulSetName: 'cache' });
    expect(steps).toContain('kubectl create namespace cache');
    expect(steps).toContain('kubectl -n cache create secret generic cache-auth --from-literal=secret=');
    expect(steps).toContain('kubectl -n cache exec -it cache-0 -c redis -- redis-cli -c');
    expect(steps).not.toContain('redis-auth');
  });

  test("follow a Chart's namespace", () => {
    expect(stepsFor({ createNamespace: true }, 'team-a')).toContain('kubectl -n team-a create secret generic redis-auth');
  });

  test('name the StorageClass the claims ask for', () => {
    const steps = stepsFor({ storage: RedisStorage.fromStorageClass({ storageClassName: 'gp3' }) });
    expect(steps).toContain('kubectl get storageclass gp3');
    expect(steps).not.toContain('nfs-client');
  });

  test('need no StorageClass step when the app synthesizes the class (the NFS provisioner)', () => {
    const steps = stepsFor({ storage: RedisStorage.dynamicNfs({ server: 'nfs.example.com', path: '/exports/redis' }) });
    expect(steps).not.toContain('storageclass');
    expect(steps).toContain('kubectl apply -f dist/');
  });

  test('need no StorageClass step for ephemeral storage', () => {
    expect(stepsFor({ storage: RedisStorage.ephemeral() })).not.toContain('storageclass');
  });

  test('need no Secret step without auth', () => {
    const steps = stepsFor({ auth: false, externalService: false });
    expect(steps).not.toContain('secret');
    expect(steps).toMatch(/^Next steps:\n1\. Check that the StorageClass/);
  });

  test('are empty for an app without a Redis Cluster', () => {
    const app = Testing.app();
    new Chart(app, 'other');
    expect(nextSteps(parseYaml(app.synthYaml()), 'dist')).toEqual([]);
  });
});
