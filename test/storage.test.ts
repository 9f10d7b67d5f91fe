import { RedisStorage } from '../src';
import { envValue as envOf, findObject, firstContainer, Manifest, synthToDisk, validateSchema } from './_synth';

const nfs = { server: 'nfs.example.internal', path: '/exports/redis' };

function kinds(objects: Manifest[]): string[] {
  return objects.map((o) => o.kind);
}

describe('RedisStorage.fromStorageClass', () => {
  test('is the default: the seed\'s nfs-client class, 200M, one writer per volume', () => {
    const sts = findObject(synthToDisk().objects, 'StatefulSet');
    expect(sts.spec.volumeClaimTemplates[0].spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'nfs-client',
      resources: { requests: { storage: '200M' } },
    });
  });

  test('uses an existing class by name and adds no storage objects', () => {
    const { objects } = synthToDisk({ storage: RedisStorage.fromStorageClass({ storageClassName: 'local-path', size: '5Gi' }) });
    const claim = findObject(objects, 'StatefulSet').spec.volumeClaimTemplates[0];
    expect(claim.spec.storageClassName).toBe('local-path');
    expect(claim.spec.resources.requests.storage).toBe('5Gi');
    expect(kinds(objects)).not.toContain('StorageClass');
    expect(kinds(objects)).not.toContain('PersistentVolume');
  });
});

describe('RedisStorage.dynamicNfs', () => {
  const { objects } = synthToDisk({ storage: RedisStorage.dynamicNfs({ ...nfs, accessModes: ['ReadWriteMany'] }) });
  const sc = findObject(objects, 'StorageClass', 'nfs-client');
  const deployment = findObject(objects, 'Deployment', 'nfs-client-provisioner');

  test('synthesizes the nfs-client StorageClass served by the NFS subdirectory provisioner', () => {
    expect(sc.provisioner).toBe('k8s-sigs.io/nfs-subdir-external-provisioner');
    expect(envOf(firstContainer(deployment), 'PROVISIONER_NAME')).toBe(sc.provisioner);
  });

  test('keeps the data of deleted claims', () => {
    expect(sc.reclaimPolicy).toBe('Retain');
    expect(sc.parameters).toEqual({ archiveOnDelete: 'true' });
  });

  test('points the provisioner at the export', () => {
    const container = firstContainer(deployment);
    expect(envOf(container, 'NFS_SERVER')).toBe(nfs.server);
    expect(envOf(container, 'NFS_PATH')).toBe(nfs.path);
    expect(deployment.spec.template.spec.volumes).toEqual([{ name: 'nfs-client-root', nfs }]);
    expect(container.volumeMounts).toEqual([{ name: 'nfs-client-root', mountPath: '/persistentvolumes' }]);
  });

  test('pins the provisioner image', () => {
    expect(firstContainer(deployment).image).toBe('registry.k8s.io/sig-storage/nfs-subdir-external-provisioner:v4.0.2');
  });

  test('runs the provisioner in its own namespace, outside the restricted Redis namespace', () => {
    expect(findObject(objects, 'Namespace', 'nfs-provisioner')).toBeDefined();
    for (const kind of ['Deployment', 'ServiceAccount', 'Role', 'RoleBinding']) {
      expect(findObject(objects, kind).metadata.namespace).toBe('nfs-provisioner');
    }
  });

  test('grants the provisioner only the documented permissions', () => {
    const role = findObject(objects, 'ClusterRole');
    expect(role.rules).toEqual([
      { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get', 'list', 'watch', 'create', 'delete'] },
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list', 'watch', 'update'] },
      { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'update', 'patch'] },
    ]);
    const leader = findObject(objects, 'Role');
    expect(leader.rules).toEqual([{ apiGroups: [''], resources: ['endpoints'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch'] }]);
  });

  test('binds the roles to the provisioner\'s ServiceAccount', () => {
    const account = findObject(objects, 'ServiceAccount');
    const subject = { kind: 'ServiceAccount', name: account.metadata.name, namespace: 'nfs-provisioner' };
    expect(findObject(objects, 'ClusterRoleBinding').subjects).toEqual([subject]);
    expect(findObject(objects, 'ClusterRoleBinding').roleRef.name).toBe(findObject(objects, 'ClusterRole').metadata.name);
    expect(findObject(objects, 'RoleBinding').subjects).toEqual([subject]);
    expect(findObject(objects, 'RoleBinding').roleRef.name).toBe(findObject(objects, 'Role').metadata.name);
    expect(deployment.spec.template.spec.serviceAccountName).toBe(account.metadata.name);
  });

  test('claims from that class, and accepts the seed\'s ReadWriteMany on NFS', () => {
    const claim = findObject(objects, 'StatefulSet').spec.volumeClaimTemplates[0];
    expect(claim.spec.storageClassName).toBe('nfs-client');
    expect(claim.spec.accessModes).toEqual(['ReadWriteMany']);
  });

  test('every object passes the Kubernetes schema', () => {
    for (const o of objects) {
      expect(() => validateSchema(o)).not.toThrow();
    }
  });
});

describe('RedisStorage.staticNfs', () => {
  const { objects } = synthToDisk({ storage: RedisStorage.staticNfs({ ...nfs, size: '1Gi' }) });
  const volumes = objects.filter((o) => o.kind === 'PersistentVolume');

  test('creates one PersistentVolume per pod', () => {
    expect(volumes).toHaveLength(6);
    const nine = synthToDisk({ shards: 3, replicasPerShard: 2, storage: RedisStorage.staticNfs(nfs) }).objects;
    expect(nine.filter((o) => o.kind === 'PersistentVolume')).toHaveLength(9);
  });

  test('reserves each volume for exactly the claim the StatefulSet creates for that pod', () => {
    volumes.forEach((pv, ordinal) => {
      expect(pv.metadata.name).toBe(`redis-redis-data-redis-app-${ordinal}`);
      expect(pv.spec.claimRef).toEqual({ namespace: 'redis', name: `redis-data-redis-app-${ordinal}` });
    });
  });

  test('puts pod N\'s data at <path>/<pod name> on the export', () => {
    volumes.forEach((pv, ordinal) => {
      expect(pv.spec.nfs).toEqual({ server: nfs.server, path: `/exports/redis/redis-app-${ordinal}` });
    });
  });

  test('keeps the data when a claim is deleted, and sizes each volume as asked', () => {
    for (const pv of volumes) {
      expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Retain');
      expect(pv.spec.capacity).toEqual({ storage: '1Gi' });
      expect(pv.spec.accessModes).toEqual(['ReadWriteOnce']);
    }
  });

  test('uses the empty storage class on both sides, so no default class takes the claims', () => {
    for (const pv of volumes) {
      expect(pv.spec.storageClassName).toBe('');
    }
    const claim = findObject(objects, 'StatefulSet').spec.volumeClaimTemplates[0];
    expect(claim.spec.storageClassName).toBe('');
    expect(claim.spec.resources.requests.storage).toBe('1Gi');
  });

  test('every object passes the Kubernetes schema', () => {
    for (const o of objects) {
      expect(() => validateSchema(o)).not.toThrow();
    }
  });
});

describe('RedisStorage.ephemeral', () => {
  const { objects } = synthToDisk({ storage: RedisStorage.ephemeral() });
  const sts = findObject(objects, 'StatefulSet');

  test('claims nothing and gives each pod an emptyDir at /data', () => {
    expect(sts.spec.volumeClaimTemplates).toBeUndefined();
    expect(sts.spec.template.spec.volumes).toContainEqual({ name: 'redis-data', emptyDir: {} });
    expect(firstContainer(sts).volumeMounts).toContainEqual({ name: 'redis-data', mountPath: '/data' });
  });

  test('says on the StatefulSet that it loses data', () => {
    expect(sts.metadata.annotations['redis-cluster-cdk8s/warnings']).toMatch(/ephemeral storage.*loses its data/);
  });

  test('persistent strategies carry no such warning', () => {
    expect(findObject(synthToDisk().objects, 'StatefulSet').metadata.annotations).toBeUndefined();
  });
});
