/**
 * Demo data contributed by modules, run in this order after the core (municipalities,
 * organisations, users, citizens). Each part runs once; add a line for a new module.
 */
import { evaluationDemo } from '../../modules/evaluation/evaluation.seed.js';
import type { DemoPart } from './demo.js';

export const demoParts: DemoPart[] = [evaluationDemo];
