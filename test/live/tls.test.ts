import { DEBIAN_REDIS_7_0, describeTlsScenarios } from './_tls-scenarios';

describeTlsScenarios(DEBIAN_REDIS_7_0);
