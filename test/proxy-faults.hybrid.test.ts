// <ai-chat> speaking `hybrid` through a fault-injecting TCP proxy: see test/support/proxy-faults.ts.
import { proxyFaultSuite } from './support/proxy-faults.js';

proxyFaultSuite('hybrid');
