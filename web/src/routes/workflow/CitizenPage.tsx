import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { mayAttempt, useMe } from '../../api/auth';
import { formatDate } from '../../api/referrals';
import {
  benefitTypes,
  type CitizenOverview,
  danishDate,
  decideRisk,
  getOverview,
  getRisk,
  getTimeline,
  overviewKey,
  type RiskDecision,
  type RiskGroup,
  revealCpr,
} from '../../api/workflow';
import { Disclosure } from '../../components/Disclosure';
import { ErrorState } from '../../components/ErrorState';
import { errorMessage } from '../../components/errors';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { type Translate, useLanguage, useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';
import { Periods } from './BenefitPeriods';

// The sickness-benefit follow-up is its own chunk, loaded when its section is opened.
const FollowUpSection = lazy(() =>
  import('./FollowUpSection').then((m) => ({ default: m.FollowUpSection })),
);

/**
 * The caseworker's citizen page. Its first view comes from ONE request, the overview
 * (GET /api/citizens/:id/overview, the hot path of decision 0600): details, benefit periods, risk
 * group and decision, open referrals, next sessions, attendance and outcome where allowed, and
 * what the page may offer (allowedActions). The risk suggestion, the sickness-benefit follow-up
 * and the timeline each need their own request and load when their section is opened. A change
 * made here invalidates the overview, so the first view shows it.
 */
export function CitizenPage() {
  const t = useT();
  const { id = '' } = useParams();
  const overview = useQuery({ queryKey: overviewKey(id), queryFn: () => getOverview(id) });
  const me = useMe().data;
  const c = overview.data?.citizen;
  useDocumentTitle(c ? `${c.firstName} ${c.lastName}` : t('citizens.list.title'));
  const [cpr, setCpr] = useState<string | null>(null);
  const reveal = useMutation({ mutationFn: () => revealCpr(id), onSuccess: (r) => setCpr(r.cpr) });

  if (!overview.data || !c) return <PageState query={overview}>{() => null}</PageState>;
  const o = overview.data;
  const may = (action: string) => o.allowedActions.includes(action);
  const sickness = o.benefitPeriods?.some((p) => p.benefitType === 'sygedagpenge') ?? false;
  return (
    <div data-testid="citizen-page">
      <PageHeading>
        {c.firstName} {c.lastName}
      </PageHeading>
      {(may('citizen.update') || may('audit.read_citizen')) && (
        <p>
          {may('citizen.update') && (
            <Link to={`/borgere/${id}/rediger`}>{t('citizenForm.editLink')}</Link>
          )}{' '}
          {may('audit.read_citizen') && (
            <Link to={`/borgere/${id}/adgangslog`}>{t('citizenLog.link')}</Link>
          )}
        </p>
      )}
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t('citizen.details')}</h2>
        <dl className="citizen-details">
          <dt>{t('citizen.cpr')}</dt>
          <dd>
            <span data-testid="cpr">{cpr ?? c.cprMasked}</span>{' '}
            {!cpr && may('citizen.reveal_cpr') && (
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => reveal.mutate()}
                aria-describedby="reveal-note"
              >
                {t('citizen.revealCpr')}
              </button>
            )}
            <span id="reveal-note" className="form-hint d-block">
              {t('citizen.revealNote')}
            </span>
          </dd>
          <dt>{t('citizen.address')}</dt>
          <dd>
            {[c.address, [c.postalCode, c.city].filter(Boolean).join(' ')]
              .filter(Boolean)
              .join(', ')}
          </dd>
          <dt>{t('citizen.phone')}</dt>
          <dd>{c.phone}</dd>
          <dt>{t('citizen.email')}</dt>
          <dd>{c.email}</dd>
          <dt>{t('citizen.caseworker')}</dt>
          <dd>{c.responsibleCaseworkerName}</dd>
        </dl>
      </section>
      <Status overview={o} />
      <nav aria-labelledby="work-heading" className="citizen-work">
        <h2 id="work-heading">{t('citizen.work')}</h2>
        <ul className="nolist">
          <li>
            <Link to={`/borgere/${id}/sundhedsprofil`}>{t('citizen.work.health')}</Link>
          </li>
          <li>
            <Link to={`/borgere/${id}/samtykke`}>{t('citizen.work.consent')}</Link>
          </li>
          <li>
            <Link to={`/borgere/${id}/henvisning`}>{t('citizen.work.referral')}</Link>
          </li>
          <li>
            <Link to={`/planer/${id}`}>{t('citizen.work.plan')}</Link>
          </li>
          {mayAttempt(me, 'continuation.read') && (
            <li>
              <Link to={`/borgere/${id}/fastholdelse`}>{t('citizen.work.continuation')}</Link>
            </li>
          )}
          {may('meeting.create') && (
            <li>
              <Link to={`/moeder/nyt?borger=${id}`}>{t('citizen.work.meeting')}</Link>
            </li>
          )}
          {mayAttempt(me, 'portal.staff_messages') && (
            <li>
              <Link to={`/borgere/${id}/beskeder`}>{t('citizen.work.messages')}</Link>
            </li>
          )}
          {mayAttempt(me, 'continuation.bridge') && (
            <li>
              <Link to={`/borgere/${id}/brobygning`}>{t('practices.bridge.followUpLink')}</Link>
            </li>
          )}
        </ul>
      </nav>
      {o.benefitPeriods && (
        <Periods
          id={id}
          periods={o.benefitPeriods.map((p) => ({ ...p, benefitTypeName: p.nameDa }))}
          mayAdd={may('benefit.create')}
          mayEnd={may('benefit.end')}
        />
      )}
      {may('risk.read') && (
        <Risk id={id} decision={o.riskDecision} mayDecide={may('risk.decide')} />
      )}
      {may('followup.read') && sickness && (
        <Disclosure title={t('followup.title')} testId="follow-up-disclosure">
          {() => (
            <Suspense fallback={<Loading />}>
              <FollowUpSection id={id} />
            </Suspense>
          )}
        </Disclosure>
      )}
      {may('timeline.read') && (
        <Disclosure title={t('citizen.timeline')} testId="timeline-disclosure">
          {() => <Timeline id={id} />}
        </Disclosure>
      )}
    </div>
  );
}

const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('da-DK', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Copenhagen',
  });

/** Benefit, risk group, open referrals, next sessions and (where allowed) attendance: all from the overview. */
function Status({ overview: o }: { overview: CitizenOverview }) {
  const t = useT();
  const b = o.benefitPeriod;
  const outcome = o.health?.lastOutcome;
  return (
    <section aria-labelledby="status-heading" data-testid="citizen-status">
      <h2 id="status-heading">{t('citizen.status')}</h2>
      <dl className="citizen-details">
        <dt>{t('citizen.status.benefit')}</dt>
        <dd data-testid="current-benefit">
          {b
            ? t('citizen.status.benefitText', {
                type: benefitName(t, b.benefitType, b.nameDa),
                start: danishDate(b.startDate),
                weeks: b.weeks,
              })
            : t('citizen.status.noBenefit')}
        </dd>
        <dt>{t('risk.title')}</dt>
        <dd data-testid="risk-group">
          {o.riskGroup ? t(groupKey(o.riskGroup)) : t('citizen.status.noRiskGroup')}
        </dd>
        {o.health && (
          <>
            <dt>{t('citizen.status.attendance')}</dt>
            <dd data-testid="attendance">
              {t('citizen.status.attendanceText', {
                present: o.health.attendancePresent,
                absent: o.health.attendanceAbsent,
              })}
            </dd>
            <dt>{t('citizen.status.outcome')}</dt>
            <dd data-testid="last-outcome">
              {outcome
                ? outcome.declaredFit
                  ? t('courses.outcome.fitLabel')
                  : t('courses.outcome.notFitLabel', {
                      step: outcome.nextStep
                        ? t(`courses.outcome.step.${outcome.nextStep}` as MessageKey)
                        : '–',
                    })
                : t('citizen.status.noOutcome')}
            </dd>
          </>
        )}
      </dl>
      <h3>{t('citizen.status.referrals')}</h3>
      {o.openReferrals.length === 0 ? (
        <p>{t('citizen.status.noReferrals')}</p>
      ) : (
        <ul data-testid="open-referrals">
          {o.openReferrals.map((r) => (
            <li key={r.id}>
              <Link to={`/henvisninger/${r.id}`}>{r.offerTitle}</Link> –{' '}
              {t('citizen.status.referralTo', {
                organisation: r.toOrganisationName,
                state: t(`referrals.state.${r.state}` as MessageKey),
                date: formatDate(r.createdAt),
              })}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('citizen.status.sessions')}</h3>
      {o.nextSessions.length === 0 ? (
        <p>{t('citizen.status.noSessions')}</p>
      ) : (
        <ul data-testid="next-sessions">
          {o.nextSessions.map((x) => (
            <li key={x.id}>
              <time dateTime={x.startsAt}>{dateTime(x.startsAt)}</time>: {x.courseTitle}
              {x.place ? ` (${x.place})` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const benefitName = (t: Translate, type: string, fallback: string) =>
  (benefitTypes as readonly string[]).includes(type)
    ? t(`citizen.periods.type.${type}` as MessageKey)
    : fallback;

const groupKey = (g: RiskGroup) => `risk.${g}` as const;

/**
 * The risk group: the latest decision comes with the overview; the suggestion with its reasons
 * (the rules run on the server) and the form to decide load when the assessment is opened.
 */
function Risk({
  id,
  decision: d,
  mayDecide,
}: {
  id: string;
  decision: RiskDecision | null;
  mayDecide: boolean;
}) {
  const t = useT();
  return (
    <section aria-labelledby="risk-heading">
      <h2 id="risk-heading">{t('risk.title')}</h2>
      <p data-testid="risk-decision">
        {d
          ? t('risk.current', {
              group: t(groupKey(d.decidedGroup)),
              date: new Date(d.decidedAt).toLocaleDateString('da-DK'),
              name: d.decidedByName ?? '',
            })
          : t('risk.none')}
        {d?.reason ? ` – ${d.reason}` : ''}
      </p>
      <Disclosure level={3} title={t('risk.assess')} testId="risk-disclosure">
        {() => <RiskAssessment id={id} mayDecide={mayDecide} />}
      </Disclosure>
    </section>
  );
}

function RiskAssessment({ id, mayDecide }: { id: string; mayDecide: boolean }) {
  const t = useT();
  const client = useQueryClient();
  const q = useQuery({ queryKey: ['risk', id], queryFn: () => getRisk(id) });
  const [group, setGroup] = useState<RiskGroup | ''>('');
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: () =>
      decideRisk(id, { group: (group || q.data?.suggestion.group) as RiskGroup, reason }),
    onSuccess: () => {
      setReason('');
      for (const key of [overviewKey(id), ['risk', id], ['timeline', id]])
        void client.invalidateQueries({ queryKey: key });
    },
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const s = q.data.suggestion;
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    decide.mutate();
  }
  return (
    <>
      <p className="h4" data-testid="risk-suggestion">
        {t('risk.suggested', { group: t(groupKey(s.group)) })}
      </p>
      <p className="form-hint">{t('risk.suggestionNote')}</p>
      {s.firedRules.length > 0 && (
        <>
          <h4>{t('risk.reasons')}</h4>
          <ul>
            {s.firedRules.map((r) => (
              <li key={r.explanation}>{r.explanation}</li>
            ))}
          </ul>
        </>
      )}
      {s.notes.length > 0 && (
        <>
          <h4>{t('risk.notes')}</h4>
          <ul>
            {s.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      )}
      {mayDecide && (
        <form onSubmit={onSubmit} noValidate>
          <fieldset>
            <legend className="form-label">{t('risk.choose')}</legend>
            {(['green', 'orange', 'red'] as const).map((g) => (
              <div className="form-group-radio" key={g}>
                <input
                  type="radio"
                  className="form-radio radio-large"
                  id={`risk-group-${g}`}
                  name="risk-group"
                  value={g}
                  checked={(group || s.group) === g}
                  onChange={() => setGroup(g)}
                />
                <label className="form-label" htmlFor={`risk-group-${g}`}>
                  {t(groupKey(g))}
                </label>
              </div>
            ))}
          </fieldset>
          <div className="form-group">
            <label className="form-label" htmlFor="risk-reason">
              {t('risk.reason')}
            </label>
            <textarea
              id="risk-reason"
              className="form-input"
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          {decide.isError && (
            <div className="alert alert-error" role="alert">
              <div className="alert-body">
                <p className="alert-text">{errorMessage(decide.error, t)}</p>
              </div>
            </div>
          )}
          {decide.isSuccess && (
            <p role="status" className="alert alert-success">
              {t('risk.saved')}
            </p>
          )}
          <button type="submit" className="button button-primary" disabled={decide.isPending}>
            {t('risk.confirm')}
          </button>
        </form>
      )}
    </>
  );
}

/** The timeline: its own request, made when its section is opened. */
function Timeline({ id }: { id: string }) {
  const t = useT();
  // The server writes the entries in the reader's language: a language switch fetches again.
  const { language } = useLanguage();
  const q = useQuery({ queryKey: ['timeline', id, language], queryFn: () => getTimeline(id) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (q.data.items.length === 0) return <p>{t('citizen.timeline.empty')}</p>;
  return (
    <ol className="nobullet-list timeline" data-testid="timeline">
      {q.data.items.map((e) => (
        <li key={`${e.kind}-${e.refId}-${e.occurredAt}`} className="mb-4">
          <time dateTime={e.occurredAt}>{new Date(e.occurredAt).toLocaleDateString('da-DK')}</time>
          {': '}
          <strong>{e.title}</strong>
          {e.detail && <div>{e.detail}</div>}
        </li>
      ))}
    </ol>
  );
}
