/**
 * What a module's demo seed (<m>.seed.ts) receives and returns. Kept apart from demo.ts and
 * parts.ts, which run and list the module seeds, so that a module seed imports only this file
 * and the seeds form no circle.
 */
import type { Config } from '../../config.js';
import type { Tx } from '../../platform/context.js';

export interface DemoMunicipality {
  code: string;
  name: string;
  prefix: string;
  orgs: { jobcenter: string; sundhedscenter: string; provider: string };
  providerName: string;
  users: Record<string, string>;
  citizens: string[];
}

export interface DemoContext {
  config: Config;
  municipalities: DemoMunicipality[];
}

export interface DemoPart {
  name: string;
  run(tx: Tx, demo: DemoContext): Promise<void>;
}
