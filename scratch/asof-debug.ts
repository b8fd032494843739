import { execFileSync } from 'node:child_process';
import { startCluster } from '../test/postgres-cluster.ts';
