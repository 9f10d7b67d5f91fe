import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ClusterSpec } from '../cluster/cluster-spec';
import { renderUsersTemplate } from '../cluster/users';

/** The file name (ConfigMap key) of the users template. */
export const USERS_TEMPLATE_FILE = 'users.acl';

export interface UsersConfigMapProps {
  /** The resolved cluster; its `users` must be set. */
  readonly spec: ClusterSpec;
}

/**
 * The ConfigMap of the ACL users template: who the users are and what they may do, without any
 * password. Apart from the scripts' ConfigMap on purpose: the pod template carries no checksum of
 * it, so changing a user's permissions or password keys rolls no pod; the kubelet updates the
 * mounted file and each pod's reload-acl.sh applies it.
 */
export class UsersConfigMap extends Construct {
  public readonly configMap: kplus.ConfigMap;
  /** The users template, exactly as written into the ConfigMap. */
  public readonly template: string;

  constructor(scope: Construct, id: string, { spec }: UsersConfigMapProps) {
    super(scope, id);
    if (!spec.users) {
      throw new Error('UsersConfigMap needs a spec with users: resolve the props with the users prop set');
    }
    this.template = renderUsersTemplate(spec.users.entries);
    this.configMap = new kplus.ConfigMap(this, 'Resource', {
      metadata: spec.metadata(spec.names.usersConfigMap),
      data: { [USERS_TEMPLATE_FILE]: this.template },
    });
  }

  /** A read-only pod volume of the template, named `name`. */
  public volume(name: string): { name: string; configMap: { name: string; defaultMode: number } } {
    return { name, configMap: { name: this.configMap.name, defaultMode: 0o444 } };
  }
}
