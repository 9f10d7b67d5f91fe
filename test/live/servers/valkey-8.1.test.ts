/**
 * The server matrix's valkey-8.1 row: every scenario of `_matrix.ts`, on a cluster whose manifests
 * name a valkey-8.1 image. One file per server, so that jest runs the servers in parallel.
 */
import { describeServerMatrix } from '../_matrix';
import { SERVERS } from '../_servers';

describeServerMatrix(SERVERS['valkey-8.1']);
