/**
 * The server matrix's redis-7.0 row: every scenario of `_matrix.ts`, on a cluster whose manifests
 * name a redis-7.0 image. One file per server, so that jest runs the servers in parallel.
 */
import { describeServerMatrix } from '../_matrix';
import { SERVERS } from '../_servers';

describeServerMatrix(SERVERS['redis-7.0']);
