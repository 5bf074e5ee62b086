import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { daDate, daDateTime, type Plan } from '../../api/plans';
import { ErrorState } from '../../components/ErrorState';
import { errorMessage } from '../../components/errors';
import { SelectField, TextareaField } from '../../components/FormField';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { MandatoryRule } from '../../components/MandatoryRule';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';
import { InformationFormSection } from './InformationFormSection';
import { MessageList, type PortalMessages as Messages } from './MessageList';

const consentCategories = [
  'health_profile',
  'health_tests',
  'screening_notes',
  'attendance',
  'outcome',
];

interface PortalMe {
  citizenId: string | null;
  actingFor: { citizenId: string; name: string; scopes: string[] }[];
}
interface Sessions {
  items: {
    id: string;
    startsAt: string;
    endsAt: string;
    cancelled: boolean;
    title: string;
    place: string | null;
    providerName: string;
  }[];
}
interface Referrals {
  items: {
    id: string;
    offerTitle: string;
    toOrganisationName: string;
    state: string;
    participation: string;
    updatedAt: string;
  }[];
}
interface Consents {
  items: {
    id: string;
    recipientName: string;
    categories: string[];
    purpose: string;
    status: string;
    createdAt: string;
    withdrawnAt: string | null;
  }[];
  organisations: { id: string; name: string; type: string }[];
}
interface Offers {
  items: {
    id: string;
    title: string;
    description: string;
    providerName: string;
    place: string | null;
    startDate: string | null;
    freeSeats: number | null;
    myStatus: string | null;
    courseId: string | null;
  }[];
}
function Failure({ error }: { error: unknown }) {
  const t = useT();
  return (
    <div className="alert alert-error mt-4" role="alert">
      <Icon name="error" className="alert-icon" />
      <div className="alert-body">
        <p className="alert-text">{errorMessage(error, t)}</p>
      </div>
    </div>
  );
}

function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="portal-section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** Min side: the citizen's plan, appointments, referrals, consents, offers and messages. */
export function PortalPage() {
  const t = useT();
  useDocumentTitle(t('portal.title'));
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: ['portal', 'me'],
    queryFn: () => api<PortalMe>('/api/portal/me'),
  });
  // A proxy comes here from the list of citizens they act for (/mit/fuldmagt) with ?for=<id>.
  const [search, setSearch] = useSearchParams();
  // A proxy with no portal of their own acts for the first citizen until they pick another.
  const actFor =
    search.get('for') ??
    (me.data && !me.data.citizenId ? (me.data.actingFor[0]?.citizenId ?? '') : '');
  const setActFor = (id: string) => setSearch(id ? { for: id } : {}, { replace: true });
  const headers: Record<string, string> = actFor ? { 'x-act-for': actFor } : {};
  const scope = actFor
    ? (me.data?.actingFor.find((a) => a.citizenId === actFor)?.scopes ?? [])
    : null;
  const may = (s: string) => scope === null || scope.includes(s);
  const get = <T,>(path: string) => api<T>(path, { headers });
  const q = <T,>(name: string, path: string, s: string) => ({
    queryKey: ['portal', name, actFor],
    queryFn: () => get<T>(path),
    enabled: may(s) && me.isSuccess,
  });
  const plan = useQuery(q<Plan>('plan', '/api/portal/plan', 'plan'));
  const sessions = useQuery(q<Sessions>('sessions', '/api/portal/sessions', 'sessions'));
  const referrals = useQuery(q<Referrals>('referrals', '/api/portal/referrals', 'referrals'));
  const consents = useQuery(q<Consents>('consents', '/api/portal/consents', 'consents'));
  const offers = useQuery(q<Offers>('offers', '/api/portal/offers', 'offers'));
  const messages = useQuery(q<Messages>('messages', '/api/portal/messages', 'messages'));
  const refresh = (name: string) => queryClient.invalidateQueries({ queryKey: ['portal', name] });

  const accept = useMutation({
    mutationFn: (version: number) =>
      api<Plan>('/api/portal/plan/accept', { method: 'POST', body: { version }, headers }),
    onSuccess: (p) => queryClient.setQueryData(['portal', 'plan', actFor], p),
  });
  const withdraw = useMutation({
    mutationFn: (id: string) =>
      api(`/api/portal/consents/${id}/withdraw`, { method: 'POST', headers }),
    onSuccess: () => refresh('consents'),
  });
  const [consentOrg, setConsentOrg] = useState('');
  const [consentCategory, setConsentCategory] = useState('health_profile');
  const give = useMutation({
    mutationFn: () =>
      api('/api/portal/consents', {
        method: 'POST',
        headers,
        body: {
          recipientOrganisationId: consentOrg,
          categories: [consentCategory],
          purpose: t('portal.consents.defaultPurpose'),
        },
      }),
    onSuccess: () => refresh('consents'),
  });
  const signUp = useMutation({
    mutationFn: (offerId: string) =>
      api<{ status: string }>(`/api/portal/offers/${offerId}/signup`, { method: 'POST', headers }),
    onSuccess: () => {
      refresh('offers');
      refresh('sessions');
    },
  });
  const [message, setMessage] = useState('');
  const send = useMutation({
    mutationFn: () =>
      api<Messages>('/api/portal/messages', { method: 'POST', body: { body: message }, headers }),
    onSuccess: (m) => {
      queryClient.setQueryData(['portal', 'messages', actFor], m);
      setMessage('');
    },
  });

  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  const acting = me.data.actingFor.find((a) => a.citizenId === actFor);
  const p = plan.data;
  const onSend = (e: FormEvent) => {
    e.preventDefault();
    if (message.trim()) send.mutate();
  };
  // The consent form's fields, one line each: label `portal.consents.<key>`.
  const consentField = (id: string, key: string, value: string, onChange: (v: string) => void) => ({
    id,
    label: t(`portal.consents.${key}` as MessageKey),
    value,
    onChange,
  });
  const orgs = (consents.data?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }));
  const categories = consentCategories.map((c) => ({
    value: c,
    label: t(`portal.category.${c}` as MessageKey),
  }));
  const messageField = {
    id: 'portal-message',
    label: t('portal.messages.new'),
    value: message,
    onChange: setMessage,
  };
  const onGive = (e: FormEvent) => {
    e.preventDefault();
    if (consentOrg) give.mutate();
  };

  return (
    <div className="portal">
      <PageHeading>{t('portal.title')}</PageHeading>
      {me.data.actingFor.length > 0 && (
        <div className="form-group">
          <label className="form-label" htmlFor="portal-actfor">
            {t('portal.actFor.label')}
          </label>
          <select
            className="form-select"
            id="portal-actfor"
            value={actFor}
            onChange={(e) => setActFor(e.target.value)}
          >
            {me.data.citizenId && <option value="">{t('portal.actFor.self')}</option>}
            {me.data.actingFor.map((a) => (
              <option key={a.citizenId} value={a.citizenId}>
                {a.name}
              </option>
            ))}
          </select>
          {acting && (
            <p className="font-size-sm">{t('portal.actFor.note', { name: acting.name })}</p>
          )}
        </div>
      )}

      {!actFor && me.data.citizenId && <InformationFormSection />}

      {may('plan') && (
        <Section id="portal-plan" title={t('portal.plan.heading')}>
          {plan.isPending ? (
            <Loading />
          ) : plan.isError ? (
            <ErrorState error={plan.error} />
          ) : !p || p.currentVersion === 0 ? (
            <p>{t('portal.plan.empty')}</p>
          ) : (
            <>
              {p.jobGoal && (
                <p className="font-lead">
                  {t(
                    p.goalKind === 'education'
                      ? 'portal.plan.educationGoal'
                      : 'portal.plan.jobGoal',
                  )}
                  : {p.jobGoal}
                </p>
              )}
              <ul className="nobullet-list">
                {p.goals.map((g) => (
                  <li
                    key={g.id}
                    className={`portal-goal${g.parentGoalId ? ' portal-subgoal' : ''}`}
                  >
                    <p className="mb-1 mt-0">
                      <strong>{g.specific}</strong>{' '}
                      {g.changedSinceAccepted && (
                        <span className="badge badge-info">{t('portal.plan.new')}</span>
                      )}
                    </p>
                    <p className="mt-0 mb-1 font-size-sm">
                      {g.requirement ? t('portal.plan.requirement') : t('portal.plan.voluntary')}
                      {g.dueDate ? ` · ${t('portal.plan.due', { date: daDate(g.dueDate) })}` : ''}
                      {` · ${t('plans.progress.badge', { status: t(`plans.status.${g.status}` as MessageKey) })}`}
                    </p>
                    {g.measurable && (
                      <p className="mt-0 font-size-sm">
                        {t('portal.plan.measurable', { text: g.measurable })}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
              {p.activities.length > 0 && (
                <>
                  <h3>{t('portal.plan.activities')}</h3>
                  <ul>
                    {p.activities.map((a) => (
                      <li key={a.id}>
                        {a.title} –{' '}
                        {a.requirement
                          ? t('portal.plan.activityRequired')
                          : t('portal.plan.activityVoluntary')}{' '}
                        ({t(`plans.status.${a.status}` as MessageKey)})
                        {a.mandatoryActivation && <MandatoryRule a={a} />}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {p.acceptedVersion === p.currentVersion && p.acceptedAt ? (
                <p role="status">
                  <Icon name="check" />{' '}
                  {t('portal.plan.accepted', { date: daDateTime(p.acceptedAt) })}
                  {p.acceptedByProxy ? ` (${t('portal.byProxy')})` : ''}
                </p>
              ) : (
                <>
                  <p>{t('portal.plan.acceptIntro', { version: p.currentVersion })}</p>
                  <button
                    type="button"
                    className="button button-primary"
                    disabled={accept.isPending}
                    onClick={() => accept.mutate(p.currentVersion)}
                  >
                    {t('portal.plan.accept')}
                  </button>
                </>
              )}
              {accept.isError && <Failure error={accept.error} />}
            </>
          )}
        </Section>
      )}

      {may('sessions') && (
        <Section id="portal-sessions" title={t('portal.sessions.heading')}>
          <PageState query={sessions} empty={t('portal.sessions.empty')}>
            {(sessionsData) => (
              <>
                <ul className="nobullet-list">
                  {sessionsData.items.slice(0, 6).map((s) => (
                    <li key={s.id} className="mb-3">
                      <strong>{daDateTime(s.startsAt)}</strong>
                      <br />
                      {s.title}
                      {s.place ? `, ${s.place}` : ''}
                      {s.cancelled ? ` – ${t('portal.sessions.cancelled')}` : ''}
                    </li>
                  ))}
                </ul>
                {sessionsData.items.length > 6 && (
                  <p className="font-size-sm">
                    {t('portal.sessions.more', { count: sessionsData.items.length - 6 })}
                  </p>
                )}
              </>
            )}
          </PageState>
          {!actFor && (
            <a
              className="button button-secondary"
              href="/api/portal/sessions.ics"
              download="mine-aftaler.ics"
            >
              {t('portal.sessions.ics')}
            </a>
          )}
        </Section>
      )}

      {may('referrals') && (
        <Section id="portal-referrals" title={t('portal.referrals.heading')}>
          <PageState query={referrals} empty={t('portal.referrals.empty')}>
            {(referralsData) => (
              <ul className="nobullet-list">
                {referralsData.items.map((r) => (
                  <li key={r.id} className="mb-3">
                    <strong>{r.offerTitle}</strong> ({r.toOrganisationName})
                    <br />
                    {t('portal.referrals.state')}: {t(`portal.state.${r.state}` as MessageKey)} ·{' '}
                    {r.participation === 'mandatory'
                      ? t('portal.referrals.mandatory')
                      : t('portal.referrals.voluntary')}
                  </li>
                ))}
              </ul>
            )}
          </PageState>
        </Section>
      )}

      {may('consents') && (
        <Section id="portal-consents" title={t('portal.consents.heading')}>
          <p>{t('portal.consents.intro')}</p>
          <PageState query={consents}>
            {(consentsData) => (
              <>
                {consentsData.items.length === 0 ? (
                  <p>{t('portal.consents.empty')}</p>
                ) : (
                  <ul className="nobullet-list">
                    {consentsData.items.map((c) => (
                      <li key={c.id} className="mb-4">
                        <strong>{c.recipientName}</strong>:{' '}
                        {c.categories
                          .map((x) => t(`portal.category.${x}` as MessageKey))
                          .join(', ')}
                        <br />
                        {c.status === 'given'
                          ? t('portal.consents.given', { date: daDate(c.createdAt) })
                          : c.status === 'withdrawn' && c.withdrawnAt
                            ? t('portal.consents.withdrawnOn', { date: daDate(c.withdrawnAt) })
                            : t('portal.consents.refused')}
                        {c.status === 'given' && (
                          <div>
                            <button
                              type="button"
                              className="button button-secondary mt-2"
                              disabled={withdraw.isPending}
                              onClick={() => withdraw.mutate(c.id)}
                            >
                              {t('portal.consents.withdraw', { name: c.recipientName })}
                            </button>
                          </div>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
                {withdraw.isSuccess && <p role="status">{t('portal.consents.withdrawn')}</p>}
                {withdraw.isError && <Failure error={withdraw.error} />}
                <form onSubmit={onGive} noValidate aria-labelledby="portal-give">
                  <h3 id="portal-give">{t('portal.consents.give')}</h3>
                  <SelectField
                    {...consentField('consent-org', 'to', consentOrg, setConsentOrg)}
                    placeholder={t('portal.consents.choose')}
                    options={orgs}
                  />
                  <SelectField
                    {...consentField(
                      'consent-category',
                      'what',
                      consentCategory,
                      setConsentCategory,
                    )}
                    options={categories}
                  />
                  <button
                    type="submit"
                    className="button button-secondary"
                    disabled={!consentOrg || give.isPending}
                  >
                    {t('portal.consents.giveButton')}
                  </button>
                  {give.isError && <Failure error={give.error} />}
                </form>
              </>
            )}
          </PageState>
        </Section>
      )}

      {may('offers') && (
        <Section id="portal-offers" title={t('portal.offers.heading')}>
          <PageState query={offers} empty={t('portal.offers.empty')}>
            {(offersData) => (
              <ul className="nobullet-list">
                {offersData.items.map((o) => (
                  <li key={o.id} className="mb-4">
                    <strong>{o.title}</strong> ({o.providerName})
                    <br />
                    {o.description}
                    {o.startDate && (
                      <>
                        <br />
                        {t('portal.offers.starts', { date: daDate(o.startDate) })}
                      </>
                    )}
                    <div>
                      {o.myStatus ? (
                        <span className="badge badge-success">
                          {t(`portal.offers.status.${o.myStatus}` as MessageKey)}
                        </span>
                      ) : o.courseId ? (
                        <button
                          type="button"
                          className="button button-secondary mt-2"
                          disabled={signUp.isPending}
                          onClick={() => signUp.mutate(o.id)}
                        >
                          {o.freeSeats === 0
                            ? t('portal.offers.waitlist', { title: o.title })
                            : t('portal.offers.signUp', { title: o.title })}
                        </button>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </PageState>
          {signUp.isError && <Failure error={signUp.error} />}
        </Section>
      )}

      {may('messages') && (
        <Section id="portal-messages" title={t('portal.messages.heading')}>
          <PageState query={messages} empty={t('portal.messages.empty')}>
            {(messagesData) => <MessageList messages={messagesData} reader="citizen" />}
          </PageState>
          <form onSubmit={onSend} noValidate>
            <TextareaField {...messageField} />
            <button
              type="submit"
              className="button button-primary"
              disabled={send.isPending || !message.trim()}
            >
              {t('portal.messages.send')}
            </button>
            {send.isError && <Failure error={send.error} />}
          </form>
        </Section>
      )}

      <Section id="portal-more" title={t('portal.more.heading')}>
        <ul>
          <li>
            <Link to="/mit/sundhedsprofil">{t('portal.more.questionnaires')}</Link>
          </li>
          <li>
            <Link to="/mit/adgangslog">{t('portal.more.accessLog')}</Link>
          </li>
          {!actFor && (
            <li>
              <Link to="/mit/fuldmagt">{t('portal.more.proxies')}</Link>
            </li>
          )}
          {!actFor && (
            <li>
              <Link to="/mit/hold">{t('portal.more.courses')}</Link>
            </li>
          )}
        </ul>
      </Section>
    </div>
  );
}
