/**
 * Demo data contributed by modules, run in this order after the core (municipalities,
 * organisations, users, citizens). Each part runs once; add a line for a new module.
 */

import { screeningDemo } from '../../modules/screening/screening.seed.js';
import type { DemoPart } from './demo.js';

export const demoParts: DemoPart[] = [screeningDemo];
