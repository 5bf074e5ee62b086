/**
 * København's group health conversation: the health consultant records the session and each
 * participant's chosen wish cards (the Danish Health Authority's Ønskekort); the cards become the
 * participant's wishes on their own health profile. Participants are the citizens the user's
 * referrals hold.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { formatDate, referralsApi } from '../../api/referrals';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ChoiceGroup, DateField, InputField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';

interface Sessions {
  items: { id: string; title: string; heldOn: string; participants: number }[];
  wishCards: { value: string; label: string }[];
}

export function GroupSessionsPage() {
  const t = useT();
  useDocumentTitle(t('practices.group.title'));
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: ['group-sessions'],
    queryFn: () => api<Sessions>('/api/health/group-sessions'),
  });
  const candidates = useQuery({
    queryKey: ['referrals', 'group-candidates'],
    queryFn: () => referralsApi.list({}),
  });
  const [title, setTitle] = useState('');
  const [heldOn, setHeldOn] = useState('');
  const [cards, setCards] = useState<Record<string, string[]>>({});
  const [saved, setSaved] = useState<number | null>(null);
  const record = useMutation({
    mutationFn: () =>
      api<{ id: string; participants: number }>('/api/health/group-sessions', {
        method: 'POST',
        body: {
          title,
          heldOn,
          participants: Object.entries(cards)
            .filter(([, c]) => c.length > 0)
            .map(([citizenId, wishCards]) => ({ citizenId, wishCards })),
        },
      }),
    onSuccess: (r) => {
      setSaved(r.participants);
      setCards({});
      setTitle('');
      return queryClient.invalidateQueries({ queryKey: ['group-sessions'] });
    },
  });
  const people = [
    ...new Map(
      (candidates.data?.items ?? []).map((r) => [r.citizenId, r.citizenName] as const),
    ).entries(),
  ].sort((a, b) => a[1].localeCompare(b[1], 'da'));
  return (
    <>
      <PageHeading>{t('practices.group.title')}</PageHeading>
      <p className="font-lead">{t('practices.group.intro')}</p>
      <PageState query={sessions}>
        {(s) => (
          <>
            <DataTable
              caption={t('practices.group.held')}
              className="table table--compact"
              empty={t('practices.group.none')}
              rows={s.items}
              rowKey={(x) => x.id}
              columns={[
                {
                  key: 'date',
                  header: t('practices.gp.heldOn'),
                  cell: (x) => formatDate(x.heldOn),
                },
                {
                  key: 'title',
                  header: t('practices.group.name'),
                  rowHeader: true,
                  cell: (x) => x.title,
                },
                {
                  key: 'participants',
                  header: t('practices.group.participants'),
                  cell: (x) => x.participants,
                },
              ]}
            />
            <form
              className="mt-6"
              onSubmit={(e) => {
                e.preventDefault();
                setSaved(null);
                record.mutate();
              }}
            >
              <h2>{t('practices.group.new')}</h2>
              <ErrorAlert error={record.error} />
              {saved !== null && <p role="status">{t('practices.group.saved', { n: saved })}</p>}
              <InputField
                id="group-title"
                label={t('practices.group.name')}
                required
                value={title}
                onChange={setTitle}
              />
              <DateField
                id="group-date"
                label={t('practices.gp.heldOn')}
                required
                value={heldOn}
                onChange={setHeldOn}
              />
              <h3>{t('practices.group.participants')}</h3>
              <p className="form-hint">{t('practices.group.cardsHint')}</p>
              {people.length === 0 && <p>{t('practices.group.noCandidates')}</p>}
              {people.map(([citizenId, name]) => (
                <div key={citizenId} className="mb-4">
                  <ChoiceGroup
                    type="checkbox"
                    idPrefix={`cards-${citizenId}`}
                    legend={t('practices.group.cardsFor', { name })}
                    options={s.wishCards}
                    value={cards[citizenId] ?? []}
                    onChange={(values) => setCards({ ...cards, [citizenId]: values.slice(0, 5) })}
                  />
                  {(cards[citizenId]?.length ?? 0) > 0 && (
                    <Link to={`/borgere/${citizenId}/sundhedsprofil`}>
                      {t('practices.group.profileLink', { name })}
                    </Link>
                  )}
                </div>
              ))}
              <button type="submit" className="button button-primary" disabled={record.isPending}>
                {t('practices.group.save')}
              </button>
            </form>
          </>
        )}
      </PageState>
    </>
  );
}
