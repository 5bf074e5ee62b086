/**
 * The referral's state machine. The job center (caseworker side) sends and cancels; the recipient
 * (provider side: a private provider or the health center) does the rest. A step that is not
 * allowed from the current state answers 409 naming the state and changes nothing.
 *
 *   draft → sent → received → accepted | waitlisted | rejected (reason)
 *   accepted | waitlisted → enrolled (a full course keeps the referral waitlisted)
 *   enrolled → started → completed | dropped_out (coded reason); enrolled → dropped_out
 *   cancelled from any open (not final) state
 */
export const referralStates = [
  'draft',
  'sent',
  'received',
  'accepted',
  'waitlisted',
  'rejected',
  'enrolled',
  'started',
  'completed',
  'dropped_out',
  'cancelled',
] as const;
export type ReferralState = (typeof referralStates)[number];

export const finalStates: readonly ReferralState[] = [
  'rejected',
  'completed',
  'dropped_out',
  'cancelled',
];
export const openStates = referralStates.filter((s) => !finalStates.includes(s));

export type Side = 'caseworker' | 'provider';

export interface Transition {
  from: readonly ReferralState[];
  to: ReferralState;
  side: Side;
  needs?: 'reason' | 'reasonCode' | 'courseId';
}

export const transitions = {
  send: { from: ['draft'], to: 'sent', side: 'caseworker' },
  receive: { from: ['sent'], to: 'received', side: 'provider' },
  accept: { from: ['received', 'waitlisted'], to: 'accepted', side: 'provider' },
  waitlist: { from: ['received'], to: 'waitlisted', side: 'provider' },
  reject: { from: ['received', 'waitlisted'], to: 'rejected', side: 'provider', needs: 'reason' },
  enroll: { from: ['accepted', 'waitlisted'], to: 'enrolled', side: 'provider', needs: 'courseId' },
  start: { from: ['enrolled'], to: 'started', side: 'provider' },
  complete: { from: ['started'], to: 'completed', side: 'provider' },
  drop_out: {
    from: ['enrolled', 'started'],
    to: 'dropped_out',
    side: 'provider',
    needs: 'reasonCode',
  },
  cancel: { from: openStates, to: 'cancelled', side: 'caseworker' },
} as const satisfies Record<string, Transition>;

export type TransitionName = keyof typeof transitions;
export const transitionNames = Object.keys(transitions) as TransitionName[];

export const dropOutReasons = [
  'illness',
  'started_work',
  'started_education',
  'lack_of_motivation',
  'moved',
  'no_show',
  'other',
] as const;

export function isAllowed(name: TransitionName, state: ReferralState): boolean {
  return (transitions[name].from as readonly string[]).includes(state);
}

/** The transitions a side may take from a state: sent to the client for the buttons. */
export function available(state: ReferralState, sides: Side[]): TransitionName[] {
  return transitionNames.filter((n) => isAllowed(n, state) && sides.includes(transitions[n].side));
}
