/**
 * Success criteria per offer (Rødovre: criteria set in advance). The offer's set applies to its
 * coming courses that have no set of their own, and locks when one of them starts; a change
 * after that is a new version for the next courses, so a running course is judged against
 * what was agreed before it began.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { mayAttempt, useMe } from '../../api/auth';
import { saveOfferCriteria, useOfferCriteria } from '../../api/evaluation';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import { CriteriaForm } from './CriteriaForm';

export function OfferCriteriaPage() {
  const t = useT();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const me = useMe().data;
  const q = useOfferCriteria(id);
  useDocumentTitle(
    q.data
      ? t('evaluation.offerCriteria.title', { offer: q.data.offerTitle })
      : t('evaluation.offerCriteria.titlePlain'),
  );
  if (!q.data) return <PageState query={q}>{() => null}</PageState>;
  const { offerTitle, criteria } = q.data;
  const mayWrite = mayAttempt(me, 'evaluation.criteria.write');
  return (
    <>
      <p>
        <Link to="/evaluering">{t('evaluation.offerCriteria.back')}</Link>
      </p>
      <PageHeading>{t('evaluation.offerCriteria.title', { offer: offerTitle })}</PageHeading>
      <p className="font-lead">{t('evaluation.offerCriteria.lead')}</p>
      <p data-testid="offer-criteria-version">
        {criteria
          ? t('evaluation.offerCriteria.current', { version: criteria.version })
          : t('evaluation.offerCriteria.none')}
      </p>
      {mayWrite && (
        <CriteriaForm
          set={criteria}
          lockedText={
            criteria?.locked
              ? t('evaluation.offerCriteria.lockedText', {
                  version: criteria.version,
                  next: criteria.version + 1,
                })
              : undefined
          }
          save={async (list) => {
            const saved = await saveOfferCriteria(id, {
              criteria: list,
              newVersion: criteria?.locked ? true : undefined,
            });
            await client.invalidateQueries({ queryKey: ['evaluation'] });
            return t('evaluation.offerCriteria.saved', { version: saved.version });
          }}
        />
      )}
    </>
  );
}
