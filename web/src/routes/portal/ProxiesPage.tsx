/**
 * Fuldmagt (decision 0400): the citizen gives another person's own login the right to use Min
 * side for them, choosing what the proxy may see and do, and revokes it again at once. Only the
 * citizen, never a proxy, gives or revokes. A proxy sees here whom they act for and goes to Min
 * side as that citizen; everything a proxy does is shown in the citizen's access log.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { mayAttempt, useMe } from '../../api/auth';
import { api } from '../../api/client';
import { daDate } from '../../api/plans';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ChoiceGroup, DateField, fieldError, InputField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

export const proxyScopes = [
  'plan',
  'sessions',
  'referrals',
  'consents',
  'offers',
  'messages',
] as const;
type Scope = (typeof proxyScopes)[number];

interface PortalMe {
  citizenId: string | null;
  actingFor: { citizenId: string; name: string; scopes: string[] }[];
  grantedTo: { id: string; name: string; scopes: string[]; validTo: string | null }[];
}

const meKey = ['portal', 'me'];

export function ProxiesPage() {
  const t = useT();
  useDocumentTitle(t('proxies.title'));
  const user = useMe().data;
  const mayAct = mayAttempt(user, 'portal.act');
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: meKey, queryFn: () => api<PortalMe>('/api/portal/me') });
  const scopeText = (scopes: string[]) =>
    scopes.map((s) => t(`proxies.scope.${s}` as MessageKey)).join(', ');

  const empty = { username: '', scopes: [] as Scope[], validTo: '' };
  const [form, setForm] = useState(empty);
  const [given, setGiven] = useState<string | null>(null);
  const give = useMutation({
    mutationFn: () =>
      api<{ name: string }>('/api/portal/proxies', {
        method: 'POST',
        body: {
          username: form.username.trim(),
          scopes: form.scopes,
          validTo: form.validTo || null,
        },
      }),
    onSuccess: (g) => {
      setGiven(g.name);
      setForm(empty);
      queryClient.invalidateQueries({ queryKey: ['portal'] });
    },
  });
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/portal/proxies/${id}/revoke`, { method: 'POST' }),
    onSuccess: (_, id) => {
      // Gone from the list at once, together with the message that says so.
      queryClient.setQueryData<PortalMe>(
        meKey,
        (old) => old && { ...old, grantedTo: old.grantedTo.filter((g) => g.id !== id) },
      );
      setRevoked(revoking?.name ?? '');
      setRevoking(null);
      queryClient.invalidateQueries({ queryKey: ['portal'] });
    },
  });
  const [missing, setMissing] = useState(false);
  const onGive = (e: FormEvent) => {
    e.preventDefault();
    setGiven(null);
    const incomplete = !form.username.trim() || form.scopes.length === 0;
    setMissing(incomplete);
    if (!incomplete) give.mutate();
  };

  return (
    <>
      <p>
        <Link to="/mit">{t('proxies.back')}</Link>
      </p>
      <PageHeading>{t('proxies.title')}</PageHeading>
      <p className="font-lead">{t('proxies.intro')}</p>
      <PageState query={me}>
        {(data) => (
          <>
            {data.citizenId && (
              <section aria-labelledby="proxies-given" className="portal-section">
                <h2 id="proxies-given">{t('proxies.given.heading')}</h2>
                {revoked !== null && <p role="status">{t('proxies.revoked', { name: revoked })}</p>}
                {data.grantedTo.length === 0 ? (
                  <p>{t('proxies.given.empty')}</p>
                ) : (
                  <ul className="nobullet-list">
                    {data.grantedTo.map((g) => (
                      <li key={g.id} className="mb-4">
                        <strong>{g.name}</strong>
                        <br />
                        {t('proxies.may', { scopes: scopeText(g.scopes) })}
                        <br />
                        {g.validTo
                          ? t('proxies.validTo', { date: daDate(g.validTo) })
                          : t('proxies.untilRevoked')}
                        {mayAct &&
                          (revoking?.id === g.id ? (
                            <ConfirmDialog
                              confirmLabel={t('proxies.revoke.confirm')}
                              cancelLabel={t('proxies.revoke.cancel')}
                              pending={revoke.isPending}
                              onConfirm={() => revoke.mutate(g.id)}
                              onCancel={() => setRevoking(null)}
                            >
                              {t('proxies.revoke.question', { name: g.name })}
                            </ConfirmDialog>
                          ) : (
                            <div>
                              <button
                                type="button"
                                className="button button-secondary mt-2"
                                onClick={() => {
                                  setRevoked(null);
                                  revoke.reset();
                                  setRevoking({ id: g.id, name: g.name });
                                }}
                              >
                                {t('proxies.revoke', { name: g.name })}
                              </button>
                            </div>
                          ))}
                      </li>
                    ))}
                  </ul>
                )}
                {revoke.isError && (
                  <ErrorAlert error={revoke.error} heading={t('proxies.revoke.failed')} />
                )}
              </section>
            )}

            {data.citizenId && mayAct && (
              <section aria-labelledby="proxies-give" className="portal-section">
                <h2 id="proxies-give">{t('proxies.give.heading')}</h2>
                <form onSubmit={onGive} noValidate>
                  <InputField
                    id="proxy-username"
                    label={t('proxies.give.username')}
                    hint={t('proxies.give.usernameHint')}
                    autoComplete="off"
                    error={
                      (fieldError(give.error, 'username')
                        ? t('proxies.give.noSuchUser')
                        : undefined) ??
                      (missing && !form.username.trim() ? t('proxies.give.needUser') : undefined)
                    }
                    value={form.username}
                    onChange={(username) => setForm({ ...form, username })}
                  />
                  <ChoiceGroup
                    type="checkbox"
                    legend={t('proxies.give.scopes')}
                    hint={
                      missing && form.scopes.length === 0
                        ? t('proxies.give.needScope')
                        : t('proxies.give.scopesHint')
                    }
                    idPrefix="proxy-scope"
                    options={proxyScopes.map((s) => ({
                      value: s,
                      label: t(`proxies.scope.${s}` as MessageKey),
                    }))}
                    value={form.scopes}
                    onChange={(scopes) => setForm({ ...form, scopes })}
                  />
                  <DateField
                    id="proxy-valid-to"
                    label={t('proxies.give.validTo')}
                    hint={t('proxies.give.validToHint')}
                    error={
                      fieldError(give.error, 'validTo') ? t('proxies.give.pastDate') : undefined
                    }
                    value={form.validTo}
                    onChange={(validTo) => setForm({ ...form, validTo })}
                  />
                  <button type="submit" className="button button-primary" disabled={give.isPending}>
                    {t('proxies.give.submit')}
                  </button>
                  {given !== null && (
                    <p role="status" className="mt-2">
                      {t('proxies.given', { name: given })}
                    </p>
                  )}
                  {give.isError &&
                    !fieldError(give.error, 'username') &&
                    !fieldError(give.error, 'validTo') && (
                      <ErrorAlert error={give.error} heading={t('proxies.give.failed')} />
                    )}
                </form>
              </section>
            )}

            <section aria-labelledby="proxies-acting" className="portal-section">
              <h2 id="proxies-acting">{t('proxies.acting.heading')}</h2>
              {data.actingFor.length === 0 ? (
                <p>{t('proxies.acting.empty')}</p>
              ) : (
                <ul className="nobullet-list">
                  {data.actingFor.map((a) => (
                    <li key={a.citizenId} className="mb-4">
                      <strong>{a.name}</strong>
                      <br />
                      {t('proxies.acting.may', { scopes: scopeText(a.scopes) })}
                      <br />
                      <Link to={`/mit?for=${a.citizenId}`}>
                        {t('proxies.acting.go', { name: a.name })}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </PageState>
    </>
  );
}
