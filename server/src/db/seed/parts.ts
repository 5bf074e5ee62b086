/**
 * Demo data contributed by modules, run in this order after the core (municipalities,
 * organisations, users, citizens). Each part runs once; add a line for a new module. The one
 * file in db/ that imports modules (the dependency check allows this file only); a module seed
 * imports ./types.ts, never this file or demo.ts, so the seeds form no circle.
 */
import { catalogueDemo } from '../../modules/catalogue/catalogue.seed.js';
import { courseDemo } from '../../modules/courses/courses.seed.js';
import { evaluationDemo } from '../../modules/evaluation/evaluation.seed.js';
import { followupDemo } from '../../modules/followup/followup.seed.js';
import { portalDemo } from '../../modules/portal/portal.seed.js';
import { purchaseDemo } from '../../modules/purchases/purchases.seed.js';
import { screeningDemo } from '../../modules/screening/screening.seed.js';
import type { DemoPart } from './types.js';

export const demoParts: DemoPart[] = [];
demoParts.push(screeningDemo);
demoParts.push(catalogueDemo);
demoParts.push(courseDemo);
demoParts.push(portalDemo);
demoParts.push(evaluationDemo);
demoParts.push(followupDemo);
demoParts.push(purchaseDemo);
