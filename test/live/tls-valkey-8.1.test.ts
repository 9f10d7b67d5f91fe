/**
 * The TLS scenarios of `_tls-scenarios.ts` on Valkey 8.1 (installed by scripts/install-servers.sh):
 * the same proof as tls.test.ts, on a cluster whose manifests name a valkey-8.1 image.
 */
import { SERVERS } from './_servers';
import { describeTlsScenarios } from './_tls-scenarios';

describeTlsScenarios({ label: 'Valkey 8.1', image: SERVERS['valkey-8.1'].image, server: SERVERS['valkey-8.1'] });
