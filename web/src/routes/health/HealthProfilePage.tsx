import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { type Me, useMe } from '../../api/auth';
import { api } from '../../api/client';
import {
  completeProfile,
  getMatches,
  getProfile,
  type ProfileResponse,
  type ProfileView,
  startProfile,
} from '../../api/health';
import { ScrollRegion } from '../../components/DataTable';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';
import { QuestionnaireForm } from './QuestionnaireForm';

/** The caseworker's health conversation with a citizen (/borgere/:id/sundhedsprofil). */
export function StaffHealthProfilePage() {
  const { id = '' } = useParams();
  const t = useT();
  const citizen = useQuery({
    queryKey: ['citizen', id],
    queryFn: () => api<{ firstName: string; lastName: string }>(`/api/citizens/${id}`),
  });
  const name = citizen.data ? `${citizen.data.firstName} ${citizen.data.lastName}` : '';
  useDocumentTitle(t('health.staff.title'));
  return (
    <>
      <PageHeading>{t('health.staff.title')}</PageHeading>
      {name && <p className="font-lead">{t('health.staff.with', { name })}</p>}
      <HealthProfile citizenId={id} staff />
    </>
  );
}

/** The citizen's own profile form in the portal (/mit/sundhedsprofil). */
export function MyHealthProfilePage() {
  const t = useT();
  const me = useMe().data as Me & { citizenId?: string | null };
  useDocumentTitle(t('health.mine.title'));
  return (
    <>
      <PageHeading>{t('health.mine.title')}</PageHeading>
      <p className="font-lead">{t('health.mine.intro')}</p>
      {me.citizenId ? (
        <HealthProfile citizenId={me.citizenId} staff={false} />
      ) : (
        <p>{t('health.mine.notCitizen')}</p>
      )}
    </>
  );
}

function HealthProfile({ citizenId, staff }: { citizenId: string; staff: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const key = ['health', 'profile', citizenId];
  const profile = useQuery({ queryKey: key, queryFn: () => getProfile(citizenId) });
  const [completeError, setCompleteError] = useState<unknown>(null);
  const start = useMutation({
    mutationFn: () => startProfile(citizenId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const complete = useMutation({
    mutationFn: (id: string) => completeProfile(id),
    onSuccess: async () => {
      setCompleteError(null);
      await queryClient.invalidateQueries({ queryKey: key });
      await queryClient.invalidateQueries({ queryKey: ['health', 'matches', citizenId] });
    },
    onError: (error) => setCompleteError(error),
  });

  if (profile.isPending) return <Loading />;
  if (profile.isError)
    return <ErrorState error={profile.error} onRetry={() => profile.refetch()} />;
  const view = profile.data;
  const response = view.response;
  const canWrite = view.allowedActions.includes('health.profile.write');
  // Only health professionals and the citizen are ever allowed this: never a job-center role.
  const testsLink = view.allowedActions.includes('health.tests.read') && (
    <p>
      <Link to={staff ? `/borgere/${citizenId}/sundhedstest` : '/mit/sundhedstest'}>
        {t('health.tests.link')}
      </Link>
    </p>
  );

  if (response?.status === 'draft') {
    return (
      <>
        {testsLink}
        <QuestionnaireForm
          key={response.id}
          definition={view.definition}
          response={response}
          completing={complete.isPending}
          completeError={completeError}
          onComplete={async () => {
            try {
              await complete.mutateAsync(response.id);
            } catch {
              // Shown through completeError.
            }
          }}
        />
      </>
    );
  }
  return (
    <>
      {testsLink}
      {view.withheld && (
        <div className="alert alert-info">
          <div className="alert-body">
            <p className="alert-text">
              {t('health.withheld', {
                organisation: view.withheld.originOrganisationName ?? t('health.withheldCitizen'),
              })}
            </p>
          </div>
        </div>
      )}
      {response ? (
        <ProfileSummary view={view} response={response} staff={staff} />
      ) : (
        !view.withheld && <p>{t('health.none')}</p>
      )}
      {response && view.basis?.kind === 'consent' && (
        <p className="form-hint">{t('health.sharedByConsent')}</p>
      )}
      {canWrite && (
        <button
          type="button"
          className={`button ${response ? 'button-secondary' : 'button-primary'} mt-6`}
          onClick={() => start.mutate()}
          disabled={start.isPending}
        >
          {response ? t('health.startNew') : t('health.start')}
        </button>
      )}
      {start.isError && <ErrorState error={start.error} />}
      {response && <MatchList citizenId={citizenId} />}
    </>
  );
}

function optionLabel(view: ProfileView, questionId: string, value: unknown): string {
  const q = view.definition.sections.flatMap((s) => s.questions).find((x) => x.id === questionId);
  const all = [...(q?.options ?? []), ...(q?.labels ?? [])];
  return all.find((o) => o.value === String(value))?.label ?? String(value ?? '–');
}

function ProfileSummary({
  view,
  response,
  staff,
}: {
  view: ProfileView;
  response: ProfileResponse;
  staff: boolean;
}) {
  const t = useT();
  const a = response.answers;
  const who5 = response.who5;
  const themeSections = view.definition.sections.filter((s) => `${s.id}_readiness` in a);
  return (
    <section aria-labelledby="profile-summary">
      <h2 id="profile-summary">{t('health.summary.title')}</h2>
      <p>
        {t('health.summary.completed', {
          date: response.completedAt
            ? new Date(response.completedAt).toLocaleDateString('da-DK')
            : '',
        })}
      </p>
      {who5 && (
        <div
          className={`alert ${who5.flag === 'none' ? 'alert-success' : who5.flag === 'poor_wellbeing' ? 'alert-warning' : 'alert-error'}`}
          data-testid="who5"
        >
          <div className="alert-body">
            <p className="alert-heading">
              {t('health.who5.score', { score: who5.score })}
              {who5.flag !== 'none' &&
                ` – ${t(who5.flag === 'poor_wellbeing' ? 'health.who5.poor' : 'health.who5.depression')}`}
            </p>
            <p className="alert-text">
              {staff || who5.flag === 'none' ? who5.explanation : t('health.who5.citizenText')}
            </p>
          </div>
        </div>
      )}
      <dl>
        <dt>{t('health.summary.selfRated')}</dt>
        <dd>{optionLabel(view, 'self_rated_health', a.self_rated_health)}</dd>
        <dt>{t('health.summary.wanted')}</dt>
        <dd>
          {response.wantedThemes.length
            ? themeSections
                .filter((s) => response.wantedThemes.includes(s.id))
                .map((s) => s.title)
                .join(', ')
            : t('health.summary.noWanted')}
        </dd>
        <dt>{t('health.summary.wishes')}</dt>
        <dd>
          {typeof a.wish_matters === 'string' ? a.wish_matters : ''}
          {Array.isArray(a.wish_cards) && a.wish_cards.length > 0 && (
            <> ({a.wish_cards.map((c) => optionLabel(view, 'wish_cards', c)).join(', ')})</>
          )}
        </dd>
      </dl>
      {/* Scrolls sideways on a phone, so it takes keyboard focus and has a name. */}
      <ScrollRegion label={t('health.summary.themes')}>
        <table className="table table--compact">
          <caption>{t('health.summary.themes')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('health.summary.theme')}</th>
              <th scope="col">{t('health.summary.view')}</th>
              <th scope="col">{t('health.summary.readiness')}</th>
              <th scope="col">{t('health.summary.help')}</th>
            </tr>
          </thead>
          <tbody>
            {themeSections.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.title}</th>
                <td>
                  {typeof a[`${s.id}_view`] === 'string' ? (a[`${s.id}_view`] as string) : '–'}
                </td>
                <td>{optionLabel(view, `${s.id}_readiness`, a[`${s.id}_readiness`])}</td>
                <td>{optionLabel(view, `${s.id}_wants_help`, a[`${s.id}_wants_help`])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

function MatchList({ citizenId }: { citizenId: string }) {
  const t = useT();
  const matches = useQuery({
    queryKey: ['health', 'matches', citizenId],
    queryFn: () => getMatches(citizenId),
  });
  return (
    <section aria-labelledby="matches-heading" className="mt-8">
      <h2 id="matches-heading">{t('health.matches.title')}</h2>
      {matches.isPending ? (
        <Loading />
      ) : matches.isError ? (
        <ErrorState error={matches.error} onRetry={() => matches.refetch()} />
      ) : (
        <>
          {matches.data.gaps.length > 0 && (
            <div className="alert alert-info" role="status">
              <div className="alert-body">
                <p className="alert-text">
                  {t('health.matches.gaps', {
                    themes: matches.data.gaps.map((g) => g.label).join(', '),
                  })}
                </p>
              </div>
            </div>
          )}
          {matches.data.suggestions.length === 0 ? (
            <p>{t('health.matches.none')}</p>
          ) : (
            <ol className="match-list">
              {matches.data.suggestions.map((s) => (
                <li key={s.offerId} className="mb-5">
                  <Link to={`/tilbud/vis/${s.offerId}`}>{s.title}</Link>
                  <span> – {s.providerName}</span>
                  <p className="mt-1 mb-0">{s.reasonText}</p>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
