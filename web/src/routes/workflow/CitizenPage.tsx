import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMe } from '../../api/auth';
import {
  decideRisk,
  getCitizen,
  getRisk,
  getTimeline,
  type RiskGroup,
  revealCpr,
} from '../../api/workflow';
import { ErrorState } from '../../components/ErrorState';
import { errorMessage } from '../../components/errors';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useLanguage, useT } from '../../i18n';
import { Periods } from './BenefitPeriods';

// The sickness-benefit follow-up is its own chunk, loaded when the page shows it.
const FollowUpSection = lazy(() =>
  import('./FollowUpSection').then((m) => ({ default: m.FollowUpSection })),
);

export function CitizenPage() {
  const t = useT();
  const { id = '' } = useParams();
  const citizen = useQuery({ queryKey: ['citizen', id], queryFn: () => getCitizen(id) });
  useDocumentTitle(
    citizen.data ? `${citizen.data.firstName} ${citizen.data.lastName}` : t('citizens.list.title'),
  );
  const [cpr, setCpr] = useState<string | null>(null);
  const reveal = useMutation({ mutationFn: () => revealCpr(id), onSuccess: (r) => setCpr(r.cpr) });
  const _me = useMe().data;

  if (citizen.isPending) return <Loading />;
  if (citizen.isError)
    return <ErrorState error={citizen.error} onRetry={() => citizen.refetch()} />;
  const c = citizen.data;
  return (
    <>
      <PageHeading>
        {c.firstName} {c.lastName}
      </PageHeading>
      {(c.allowedActions.includes('citizen.update') ||
        c.allowedActions.includes('audit.read_citizen')) && (
        <p>
          {c.allowedActions.includes('citizen.update') && (
            <Link to={`/borgere/${id}/rediger`}>{t('citizenForm.editLink')}</Link>
          )}{' '}
          {c.allowedActions.includes('audit.read_citizen') && (
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
            {!cpr && c.allowedActions.includes('citizen.reveal_cpr') && (
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
          {c.allowedActions.includes('meeting.create') && (
            <li>
              <Link to={`/moeder/nyt?borger=${id}`}>{t('citizen.work.meeting')}</Link>
            </li>
          )}
          {c.allowedActions.includes('continuation.bridge') && (
            <li>
              <Link to={`/borgere/${id}/brobygning`}>{t('practices.bridge.followUpLink')}</Link>
            </li>
          )}
        </ul>
      </nav>
      <Periods
        id={id}
        mayAdd={c.allowedActions.includes('benefit.create')}
        mayEnd={c.allowedActions.includes('benefit.end')}
      />
      <Suspense fallback={<Loading />}>
        <FollowUpSection id={id} />
      </Suspense>
      <Risk id={id} />
      <Timeline id={id} />
    </>
  );
}

const groupKey = (g: RiskGroup) => `risk.${g}` as const;

function Risk({ id }: { id: string }) {
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
      void client.invalidateQueries({ queryKey: ['risk', id] });
      void client.invalidateQueries({ queryKey: ['timeline', id] });
    },
  });
  if (q.isPending) return <Loading />;
  if (q.isError) {
    // Roles without access to risk groups simply do not see the section.
    return null;
  }
  const s = q.data.suggestion;
  const d = q.data.currentDecision;
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    decide.mutate();
  }
  return (
    <section aria-labelledby="risk-heading">
      <h2 id="risk-heading">{t('risk.title')}</h2>
      <p className="h4" data-testid="risk-suggestion">
        {t('risk.suggested', { group: t(groupKey(s.group)) })}
      </p>
      <p className="form-hint">{t('risk.suggestionNote')}</p>
      {s.firedRules.length > 0 && (
        <>
          <h3>{t('risk.reasons')}</h3>
          <ul>
            {s.firedRules.map((r) => (
              <li key={r.explanation}>{r.explanation}</li>
            ))}
          </ul>
        </>
      )}
      {s.notes.length > 0 && (
        <>
          <h3>{t('risk.notes')}</h3>
          <ul>
            {s.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      )}
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
    </section>
  );
}

function Timeline({ id }: { id: string }) {
  const t = useT();
  // The server writes the entries in the reader's language: a language switch fetches again.
  const { language } = useLanguage();
  const q = useQuery({ queryKey: ['timeline', id, language], queryFn: () => getTimeline(id) });
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('citizen.timeline')}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} />
      ) : q.data.items.length === 0 ? (
        <p>{t('citizen.timeline.empty')}</p>
      ) : (
        <ol className="nobullet-list timeline" data-testid="timeline">
          {q.data.items.map((e) => (
            <li key={`${e.kind}-${e.refId}-${e.occurredAt}`} className="mb-4">
              <time dateTime={e.occurredAt}>
                {new Date(e.occurredAt).toLocaleDateString('da-DK')}
              </time>
              {': '}
              <strong>{e.title}</strong>
              {e.detail && <div>{e.detail}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
