import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { renderUsersTemplate, UsersTemplateEntry } from './users';

/** The file name (ConfigMap key) of the users template. */
export const USERS_TEMPLATE_FILE = 'users.acl';

export interface UsersConfigMapProps {
  /** `metadata.name` of the ConfigMap. */
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /** Every user, with where its passwords are and its ACL rules. */
  readonly entries: readonly UsersTemplateEntry[];
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

  constructor(scope: Construct, id: string, props: UsersConfigMapProps) {
    super(scope, id);
    this.template = renderUsersTemplate(props.entries);
    this.configMap = new kplus.ConfigMap(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
      data: { [USERS_TEMPLATE_FILE]: this.template },
    });
  }
}
