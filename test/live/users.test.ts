/**
 * ACL users on Redis 7.0, the server installed here (see _users-scenarios.ts for the scenarios).
 */
import { describeLive } from './_live';
import { usersScenarios } from './_users-scenarios';

describeLive('ACL users and password rotation on Redis 7.0', () => {
  usersScenarios({ label: 'Redis 7.0', image: 'redis:7.0.15-bookworm' });
});
