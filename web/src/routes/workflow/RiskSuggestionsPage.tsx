import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import {
  danishDate,
  decideRisk,
  getRiskSuggestions,
  type RiskGroup,
  type RiskSuggestionItem,
} from '../../api/workflow';
import { ScrollRegion } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { useT } from '../../i18n';

const LIMIT = 25;
const groups: RiskGroup[] = ['green', 'orange', 'red'];

/**
 * All orange and red suggestions of the municipality in one list: a caseworker confirms each or
 * chooses another group with a reason, without opening the citizens one by one. The list shows
 * the rules' reasons only, never the health values behind them.
 */
export function RiskSuggestionsPage() {
  const t = useT();
  useDocumentTitle(t('riskList.title'));
  const [sort, setSort] = useState<'group' | 'date'>('group');
  const [pending, setPending] = useState(true);
  const [offset, setOffset] = useState(0);
  const q = useQuery({
    queryKey: ['risk-suggestions', sort, pending, offset],
    queryFn: () => getRiskSuggestions({ sort, pending, limit: LIMIT, offset }),
  });
  return (
    <>
      <PageHeading>{t('riskList.title')}</PageHeading>
      <p>{t('riskList.intro')}</p>
      <div className="row">
        <div className="form-group col-12 col-md-4">
          <label className="form-label" htmlFor="risk-list-sort">
            {t('riskList.sort')}
          </label>
          <select
            id="risk-list-sort"
            className="form-select"
            value={sort}
            onChange={(e) => {
              setOffset(0);
              setSort(e.target.value as 'group' | 'date');
            }}
          >
            <option value="group">{t('riskList.sort.group')}</option>
            <option value="date">{t('riskList.sort.date')}</option>
          </select>
        </div>
        <div className="form-group col-12 col-md-8">
          <div className="form-checkbox">
            <input
              id="risk-list-pending"
              type="checkbox"
              className="form-checkbox"
              checked={pending}
              onChange={(e) => {
                setOffset(0);
                setPending(e.target.checked);
              }}
            />
            <label htmlFor="risk-list-pending">{t('riskList.pendingOnly')}</label>
          </div>
        </div>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <p>{t('riskList.empty')}</p>
      ) : (
        <>
          <ScrollRegion label={t('riskList.caption', { total: q.data.total })}>
            <table className="table table--zebra">
              <caption>{t('riskList.caption', { total: q.data.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('screening.col.citizen')}</th>
                  <th scope="col">{t('riskList.col.suggestion')}</th>
                  <th scope="col">{t('risk.reasons')}</th>
                  <th scope="col">{t('riskList.col.since')}</th>
                  <th scope="col">{t('riskList.col.decision')}</th>
                  <th scope="col">{t('riskList.col.action')}</th>
                </tr>
              </thead>
              <tbody>
                {q.data.items.map((i) => (
                  <SuggestionRow key={i.citizenId} item={i} />
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <Pager
            total={q.data.total}
            limit={LIMIT}
            offset={offset}
            onChange={setOffset}
            label={t('riskList.pager')}
          />
        </>
      )}
    </>
  );
}

function SuggestionRow({ item }: { item: RiskSuggestionItem }) {
  const t = useT();
  const client = useQueryClient();
  const [other, setOther] = useState(false);
  const alternatives = groups.filter((g) => g !== item.suggestedGroup);
  const [group, setGroup] = useState<RiskGroup>(alternatives[0]!);
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const decide = useMutation({
    mutationFn: (body: { group: RiskGroup; reason?: string }) => decideRisk(item.citizenId, body),
    onSuccess: (d) => {
      setSaved(t('riskList.saved', { group: t(`risk.${d.decidedGroup}`) }));
      setOther(false);
      setReason('');
      void client.invalidateQueries({ queryKey: ['risk-suggestions'] });
      void client.invalidateQueries({ queryKey: ['risk', item.citizenId] });
    },
  });
  const idBase = `risk-${item.citizenId}`;
  function onOverride(e: FormEvent) {
    e.preventDefault();
    decide.mutate({ group, reason });
  }
  return (
    <tr>
      <td>
        <Link to={`/borgere/${item.citizenId}`}>{item.citizenName}</Link>
      </td>
      <td>{t(`risk.${item.suggestedGroup}`)}</td>
      <td>
        <ul className="mt-0 mb-0">
          {item.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </td>
      <td>{item.since ? danishDate(item.since) : t('riskList.noBenefit')}</td>
      <td>
        {item.decision
          ? t('riskList.decided', {
              group: t(`risk.${item.decision.group}`),
              date: danishDate(item.decision.decidedAt),
            })
          : t('riskList.undecided')}
      </td>
      <td>
        <span aria-live="polite">{saved}</span>
        <ErrorAlert error={decide.error} />
        {!other ? (
          <>
            <button
              type="button"
              className="button button-primary button-small"
              disabled={decide.isPending}
              aria-label={t('riskList.confirmFor', {
                group: t(`risk.${item.suggestedGroup}`),
                name: item.citizenName,
              })}
              onClick={() => decide.mutate({ group: item.suggestedGroup })}
            >
              {t('riskList.confirm')}
            </button>{' '}
            <button
              type="button"
              className="button button-secondary button-small"
              aria-label={t('riskList.otherFor', { name: item.citizenName })}
              onClick={() => setOther(true)}
            >
              {t('riskList.other')}
            </button>
          </>
        ) : (
          <form onSubmit={onOverride}>
            <div className="form-group mt-0">
              <label className="form-label" htmlFor={`${idBase}-group`}>
                {t('risk.choose')}
              </label>
              <select
                id={`${idBase}-group`}
                className="form-select"
                value={group}
                onChange={(e) => setGroup(e.target.value as RiskGroup)}
              >
                {alternatives.map((g) => (
                  <option key={g} value={g}>
                    {t(`risk.${g}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor={`${idBase}-reason`}>
                {t('riskList.reason')}
              </label>
              <textarea
                id={`${idBase}-reason`}
                className="form-input"
                required
                rows={3}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </div>
            <button
              type="submit"
              className="button button-primary button-small"
              disabled={decide.isPending}
            >
              {t('riskList.saveOther')}
            </button>{' '}
            <button
              type="button"
              className="button button-tertiary button-small"
              onClick={() => setOther(false)}
            >
              {t('riskList.cancel')}
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}
