/**
 * The one rule for data crossing from one organisation to another inside a municipality (issue
 * 15). Pure: the service loads the inputs (consents, the recipient's chain, the data's origin)
 * and asks `basisFor` about every piece it might return; a piece without a basis is not returned.
 *
 * A piece reaches a recipient when one of these holds:
 * - self:    the recipient is the citizen the data is about;
 * - own:     the recipient's organisation recorded it (or, for a job centre, the data is the job
 *            centre's own: the screening it holds by the sickness-benefit law);
 * - legal:   the law gives the recipient the data: attendance and the outcome of a mandatory
 *            activation offer reach the job centre that referred the citizen (LAB: the job centre
 *            follows up on the activation it decided), whatever the citizen consented to;
 * - consent: a valid consent from the citizen to the recipient's organisation names the piece's
 *            category, AND the piece belongs to the recipient's own chain (purpose limitation):
 *            a course the recipient runs or was referred to, or, for data about the citizen as a
 *            whole, a citizen the recipient holds through a referral or an enrolment.
 * Health tests never reach a job centre or a private provider, consent or not: they are
 * motivation for the citizen and must never feed the job centre's view (DOMAIN.md §3).
 */
import type { ConsentCategory } from '../../platform/consent.js';

export type RecipientSide = 'job_centre' | 'health' | 'provider' | 'citizen' | 'none';

export interface Recipient {
  side: RecipientSide;
  /** The organisation the reader acts for (null for a citizen). */
  organisationId: string | null;
}

export interface ConsentBasis {
  kind: 'consent';
  consentId: string;
  validTo: string | null;
  purpose: string;
}

export type Basis =
  | { kind: 'self' }
  | { kind: 'own' }
  | { kind: 'legal'; law: 'mandatory_activation' }
  | ConsentBasis;

/** One piece of data the builder might return, with what decides who may see it. */
export interface Piece {
  category: ConsentCategory;
  /** The organisation that recorded it (or for which the citizen filled it in); null: the citizen's own. */
  originOrganisationId: string | null;
  /** Course data: the organisation running the course. */
  courseOrganisationId?: string | null;
  /** Course data: the referral the enrolment came from, its sender and its participation. */
  referralFromOrganisationId?: string | null;
  participation?: 'voluntary' | 'mandatory' | null;
  /** Screening notes: the job centre's own screening (held by law), never recorded for another. */
  jobCentreRecord?: boolean;
}

export interface Inputs {
  /** The recipient organisation's valid consents from the citizen, by category (newest first). */
  consents: Partial<Record<ConsentCategory, ConsentBasis>>;
  /** The recipient holds the citizen: a referral to it (sent, not cancelled) or an enrolment in its course. */
  holdsCitizen: boolean;
}

/** The basis on which the piece reaches the recipient, or null: it does not. */
export function basisFor(recipient: Recipient, piece: Piece, inputs: Inputs): Basis | null {
  if (recipient.side === 'citizen') return { kind: 'self' };
  if (recipient.side === 'none' || !recipient.organisationId) return null;
  const org = recipient.organisationId;
  const consent = inputs.consents[piece.category] ?? null;

  if (piece.category === 'health_tests' && recipient.side !== 'health') return null;

  if (recipient.side === 'job_centre') {
    if (piece.category === 'screening_notes' && piece.jobCentreRecord) return { kind: 'own' };
    if (piece.originOrganisationId === org) return { kind: 'own' };
    if (
      (piece.category === 'attendance' || piece.category === 'outcome') &&
      piece.participation === 'mandatory' &&
      piece.referralFromOrganisationId === org
    ) {
      return { kind: 'legal', law: 'mandatory_activation' };
    }
    // The job centre holds every citizen of its municipality; the consent alone decides.
    return consent;
  }

  // A health organisation or a private provider.
  if (piece.originOrganisationId === org && piece.courseOrganisationId === undefined) {
    return { kind: 'own' };
  }
  if (!consent) return null;
  if (piece.courseOrganisationId !== undefined) {
    // Course data: only the recipient's own courses, never another organisation's course.
    return piece.courseOrganisationId === org ? consent : null;
  }
  return inputs.holdsCitizen ? consent : null;
}
