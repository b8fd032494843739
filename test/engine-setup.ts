import { afterAll } from 'vitest';
import { closeTestDbs } from './helpers.ts';

// Run before each test file: the databases its tests opened on PostgreSQL are closed after it.
afterAll(closeTestDbs);
