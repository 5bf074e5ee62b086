/**
 * The sickness-benefit follow-up deadlines (sygedagpengeloven chapter 6 and the executive order
 * on follow-up in sickness benefit cases), computed from the case's facts and a versioned rule
 * set. Pure: no database, no clock (today is an argument), so it is property-tested and the
 * task list, the deadlines list and the citizen page all ask the same function.
 *
 * Weeks count from the first day of absence, not Monday weeks: week 1 is days 1–7 from the first
 * day, so "by the end of week 8" is D + 55 and "week 22" is D + 153. A deadline that falls on a
 * Danish non-working day moves to the working day before (never before the event it follows).
 *
 * A deadline that has been met keeps the due date and rule version it was met under (the caller
 * stores them with the event); a deadline not yet met is computed from the rule set in force
 * today, so a rule change moves only deadlines not yet met.
 */
import {
  addDays,
  daysBetween,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
} from '../../platform/dates.js';

export interface RuleParameters {
  /** The citizen answers the information form within this many days of it being sent. */
  informationFormDueDays: number;
  /** The GP's deadline for the certificate: normally this many days from the request … */
  gpCertificateDays: number;
  /** … and never fewer than this. */
  gpCertificateMinDays: number;
  /** First conversation by D + this (end of week 8 counted from the first absence day). */
  firstConversationDays: number;
  /** Follow-up conversations at least this often after the last one held. */
  followUpIntervalDays: number;
  /** Reassessment (the benefit's duration limit) by D + this (end of week 22). */
  reassessmentDays: number;
  /** Early follow-up: first conversation within this many days of the request. */
  fastTrackDays: number;
  /** Standby (serious illness): no conversations are held. */
  standbyHoldsConversations: boolean;
  /** 'previous_working_day': a due date on a non-working day moves to the working day before. */
  nonWorkingDayShift: 'previous_working_day' | 'none';
}

export interface RuleSet {
  version: number;
  validFrom: string;
  parameters: RuleParameters;
}

export const stepKinds = [
  'information_form',
  'gp_certificate',
  'first_conversation',
  'follow_up',
  'reassessment',
] as const;
export type StepKind = (typeof stepKinds)[number];
export const stepStatuses = ['open', 'done', 'overdue', 'not_required'] as const;
export type StepStatus = (typeof stepStatuses)[number];

export interface Step {
  kind: StepKind;
  dueDate: string | null;
  status: StepStatus;
  doneAt: string | null;
  ruleVersion: number | null;
}

/** A deadline as it stood when it was met, stored with the event that met it. */
export interface MetDeadline {
  dueDate: string | null;
  ruleVersion: number | null;
}

export type Category = 1 | 2 | 3;

export interface CaseFacts {
  firstAbsenceDay: string;
  /** The benefit period's end: after it no deadline is open. */
  periodEndDate: string | null;
  /** Recorded from the information form or a GP; null while nobody knows. */
  expectedBackWithin8Weeks: boolean | null;
  fastTrackRequestedOn: string | null;
  standby: boolean;
  category: Category | null;
  informationForm: { sentOn: string; answeredOn: string | null; met: MetDeadline | null } | null;
  gpCertificate: {
    requestedOn: string;
    /** A deadline the caseworker gave the GP (≥ the minimum), else the rules' default. */
    deadline: string | null;
    deadlineRuleVersion: number | null;
    receivedOn: string | null;
    met: MetDeadline | null;
  } | null;
  /** Held conversations, oldest first, each with the deadline it met. */
  conversations: { heldOn: string; met: MetDeadline | null }[];
  reassessment: { decidedOn: string; met: MetDeadline | null } | null;
}

/** The rule set in force on a date: the highest version whose valid_from is on or before it. */
export function ruleSetOn(ruleSets: readonly RuleSet[], date: string): RuleSet {
  const inForce = ruleSets
    .filter((r) => r.validFrom <= date)
    .sort((a, b) => b.validFrom.localeCompare(a.validFrom) || b.version - a.version)[0];
  const fallback = [...ruleSets].sort((a, b) => a.version - b.version)[0];
  const chosen = inForce ?? fallback;
  if (!chosen) throw new Error('no follow-up rule set');
  return chosen;
}

/** A due date on a non-working day moves to the working day before, not before the event. */
export function shiftDue(raw: string, event: string, p: RuleParameters): string {
  if (p.nonWorkingDayShift === 'none') return raw;
  const shifted = workingDayOnOrBefore(raw);
  return shifted < event ? raw : shifted;
}

/** event + days, shifted. */
export function deadlineAfter(event: string, days: number, p: RuleParameters): string {
  return shiftDue(addDays(event, days), event, p);
}

/**
 * The GP's deadline: normally request + 14, shifted back over non-working days only while it
 * stays at least the minimum (8 days) after the request; otherwise the first working day on or
 * after request + minimum.
 */
export function gpCertificateDeadline(requestedOn: string, p: RuleParameters): string {
  const normal = deadlineAfter(requestedOn, p.gpCertificateDays, p);
  if (daysBetween(requestedOn, normal) >= p.gpCertificateMinDays) return normal;
  const minimum = addDays(requestedOn, p.gpCertificateMinDays);
  return p.nonWorkingDayShift === 'none' ? minimum : workingDayOnOrAfter(minimum);
}

/** The last day of week n counted from the first day of absence (week 1 = days 1–7). */
export function lastDayOfAbsenceWeek(firstAbsenceDay: string, n: number): string {
  return addDays(firstAbsenceDay, 7 * n - 1);
}

/**
 * Week n of a period counted from its first day (week 1 = days 1–7), the one week count for
 * every deadline (decision 1030): the screening's week N begins on D + 7(n − 1) and is due by
 * the week's last day, moved to the working day before when that is not a working day (never
 * before the week begins).
 */
export function absenceWeek(
  firstDay: string,
  n: number,
  p: RuleParameters,
): { weekStart: string; dueDate: string } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`week number must be ≥ 1, got ${n}`);
  const weekStart = addDays(firstDay, 7 * (n - 1));
  return { weekStart, dueDate: shiftDue(lastDayOfAbsenceWeek(firstDay, n), weekStart, p) };
}

/** Which absence week a date falls in (1 = the first seven days; 0 before the first day). */
export function absenceWeekOn(firstAbsenceDay: string, date: string): number {
  const days = daysBetween(firstAbsenceDay, date);
  return days < 0 ? 0 : Math.floor(days / 7) + 1;
}

function openOrOverdue(
  kind: StepKind,
  dueDate: string | null,
  ruleVersion: number,
  today: string,
): Step {
  const status: StepStatus = dueDate !== null && dueDate < today ? 'overdue' : 'open';
  return {
    kind,
    dueDate,
    status,
    doneAt: null,
    ruleVersion: dueDate === null ? null : ruleVersion,
  };
}

const notRequired = (kind: StepKind): Step => ({
  kind,
  dueDate: null,
  status: 'not_required',
  doneAt: null,
  ruleVersion: null,
});

const done = (kind: StepKind, doneAt: string, met: MetDeadline | null): Step => ({
  kind,
  dueDate: met?.dueDate ?? null,
  status: 'done',
  doneAt,
  ruleVersion: met?.ruleVersion ?? null,
});

/**
 * The steps of a case on a day under a rule set (the one in force today, see ruleSetOn): one
 * each of information_form, gp_certificate, first_conversation and reassessment, and one
 * follow_up per follow-up conversation held plus the next one due (or one not_required).
 */
export function computeSteps(facts: CaseFacts, rules: RuleSet, today: string): Step[] {
  const p = rules.parameters;
  const v = rules.version;
  const d = facts.firstAbsenceDay;
  const ended = facts.periodEndDate !== null && facts.periodEndDate < today;
  const week8End = addDays(d, p.firstConversationDays);
  // Expected back within 8 weeks: the job centre sets the scope itself, no statutory
  // conversation deadlines, until the absence runs past week 8. Unknown counts as "longer":
  // an early conversation costs less than a missed legal deadline.
  const expectedBack =
    (facts.expectedBackWithin8Weeks === true || facts.category === 1) && today <= week8End;
  const noConversations = facts.standby && !p.standbyHoldsConversations;
  const steps: Step[] = [];

  // Information form: in every case.
  const form = facts.informationForm;
  if (form?.answeredOn) steps.push(done('information_form', form.answeredOn, form.met));
  else if (ended) steps.push(notRequired('information_form'));
  else if (form)
    steps.push(
      openOrOverdue(
        'information_form',
        deadlineAfter(form.sentOn, p.informationFormDueDays, p),
        v,
        today,
      ),
    );
  else steps.push(openOrOverdue('information_form', null, v, today));

  // First conversation (computed before the GP certificate, which must be there by it).
  const [first, ...followUps] = facts.conversations;
  let firstStep: Step;
  if (first) firstStep = done('first_conversation', first.heldOn, first.met);
  else if (ended || expectedBack || noConversations) firstStep = notRequired('first_conversation');
  else {
    let due = deadlineAfter(d, p.firstConversationDays, p);
    if (facts.fastTrackRequestedOn) {
      const fast = deadlineAfter(facts.fastTrackRequestedOn, p.fastTrackDays, p);
      if (fast < due) due = fast;
    }
    firstStep = openOrOverdue('first_conversation', due, v, today);
  }

  // GP certificate: where the absence is expected to last beyond 8 weeks (or nobody knows yet).
  const gp = facts.gpCertificate;
  if (gp?.receivedOn) steps.push(done('gp_certificate', gp.receivedOn, gp.met));
  else if (ended || expectedBack) steps.push(notRequired('gp_certificate'));
  else if (gp) {
    const custom = gp.deadline !== null;
    const due = gp.deadline ?? gpCertificateDeadline(gp.requestedOn, p);
    const step = openOrOverdue('gp_certificate', due, v, today);
    steps.push(custom ? { ...step, ruleVersion: gp.deadlineRuleVersion ?? v } : step);
  } else {
    // Not requested yet: it is needed by the first conversation.
    const due =
      firstStep.status === 'open' || firstStep.status === 'overdue' ? firstStep.dueDate : null;
    steps.push(openOrOverdue('gp_certificate', due, v, today));
  }

  steps.push(firstStep);

  // Follow-ups: at least every 4 weeks after the last conversation held (categories 2 and 3).
  for (const c of followUps) steps.push(done('follow_up', c.heldOn, c.met));
  const last = facts.conversations.at(-1);
  if (last && !ended && !expectedBack && !noConversations && facts.category !== 1) {
    steps.push(
      openOrOverdue('follow_up', deadlineAfter(last.heldOn, p.followUpIntervalDays, p), v, today),
    );
  } else if (followUps.length === 0) steps.push(notRequired('follow_up'));

  // Reassessment at week 22: extension on a ground of the law or a job clarification course.
  const r = facts.reassessment;
  if (r) steps.push(done('reassessment', r.decidedOn, r.met));
  else if (ended || expectedBack) steps.push(notRequired('reassessment'));
  else steps.push(openOrOverdue('reassessment', deadlineAfter(d, p.reassessmentDays, p), v, today));

  return steps;
}

/** The deadline a conversation held now would meet: the open first conversation or follow-up. */
export function conversationDeadline(steps: readonly Step[]): MetDeadline | null {
  const open = steps.find(
    (s) =>
      (s.kind === 'first_conversation' || s.kind === 'follow_up') &&
      (s.status === 'open' || s.status === 'overdue'),
  );
  return open ? { dueDate: open.dueDate, ruleVersion: open.ruleVersion } : null;
}

/** The deadline an event of a kind would meet now (information form answered, GP received …). */
export function openDeadline(steps: readonly Step[], kind: StepKind): MetDeadline | null {
  const open = steps.find(
    (s) => s.kind === kind && (s.status === 'open' || s.status === 'overdue'),
  );
  return open ? { dueDate: open.dueDate, ruleVersion: open.ruleVersion } : null;
}

/** Version 1, as seeded by migration 0900 (kept here for the property tests and the seed). */
export const ruleSetV1: RuleSet = {
  version: 1,
  validFrom: '2000-01-01',
  parameters: {
    informationFormDueDays: 8,
    gpCertificateDays: 14,
    gpCertificateMinDays: 8,
    firstConversationDays: 55,
    followUpIntervalDays: 28,
    reassessmentDays: 153,
    fastTrackDays: 14,
    standbyHoldsConversations: false,
    nonWorkingDayShift: 'previous_working_day',
  },
};
