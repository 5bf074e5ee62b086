import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useCourseEvaluation } from '../../api/evaluation';
import { DataTable } from '../../components/DataTable';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';
import { CriteriaForm, metricKey } from './CriteriaForm';
import { fmtPct, fmtShown, SurvivalFigure } from './charts';

const unit = (m: string) => (m === 'satisfaction_mean' ? '' : ' %');

const right = 'text-align-right';

export function CourseEvaluationPage() {
  const t = useT();
  const { id = '' } = useParams();
  const q = useCourseEvaluation(id);
  const client = useQueryClient();
  useDocumentTitle(
    q.data ? t('evaluation.course.title', { title: q.data.course.title }) : t('evaluation.title'),
  );
  if (!q.data) return <PageState query={q}>{() => null}</PageState>;
  const e = q.data;
  const started = e.course.status !== 'planned';
  return (
    <>
      <nav aria-label={t('evaluation.breadcrumb')} className="breadcrumbs">
        <ol className="breadcrumbs__list">
          <li className="breadcrumbs__list-item">
            <Link to="/evaluering" className="breadcrumbs__link">
              {t('evaluation.title')}
            </Link>
          </li>
          <li className="breadcrumbs__list-item" aria-current="page">
            {e.course.title}
          </li>
        </ol>
      </nav>
      <PageHeading>{t('evaluation.course.title', { title: e.course.title })}</PageHeading>
      <p className="font-lead">
        {t('evaluation.course.lead', {
          offer: e.course.offerTitle,
          provider: e.course.providerName,
          start: new Date(e.course.startDate).toLocaleDateString('da-DK'),
          weeks: e.course.weeks,
        })}
      </p>
      <p>
        {t('evaluation.course.status')}:{' '}
        <strong>{t(`evaluation.status.${e.course.status}` as MessageKey)}</strong> ·{' '}
        {t('evaluation.participants')}: <strong>{fmtShown(e.participants)}</strong>
      </p>
      <ul className="nobullet-list">
        <li>
          <a href={`/api/evaluation/courses/${id}/export.xlsx`} download>
            {t('evaluation.exportXlsx')}
          </a>
        </li>
        <li>
          <a href={`/api/evaluation/courses/${id}/report.pdf`} download>
            {t('evaluation.exportPdf')}
          </a>
        </li>
      </ul>

      <section aria-labelledby="criteria-heading">
        <h2 id="criteria-heading">{t('evaluation.criteria.heading')}</h2>
        <CriteriaForm
          set={e.criteria}
          save={async (criteria) => {
            await api(`/api/evaluation/courses/${id}/criteria`, {
              method: 'PUT',
              body: { criteria },
            });
            await client.invalidateQueries({ queryKey: ['evaluation'] });
            return t('evaluation.criteria.saved');
          }}
        />
        <p className="mt-4">
          <Link to={`/evaluering/tilbud/${e.course.offerId}`}>
            {t('evaluation.offerCriteria.link', { offer: e.course.offerTitle })}
          </Link>
        </p>
      </section>

      {started && (
        <section aria-labelledby="results-heading" className="mt-8">
          <h2 id="results-heading">{t('evaluation.results.heading')}</h2>
          {!e.followUpComplete && <p>{t('evaluation.results.preliminary')}</p>}
          <DataTable
            caption={t('evaluation.results.heading')}
            className="table"
            testId="criteria-results"
            empty={t('evaluation.results.none')}
            rows={e.results}
            rowKey={(r) => r.metric}
            columns={[
              {
                key: 'metric',
                header: t('evaluation.results.metric'),
                cell: (r) => t(metricKey(r.metric)),
                rowHeader: true,
              },
              {
                key: 'criterion',
                header: t('evaluation.results.criterion'),
                cell: (r) =>
                  `${t(r.operator === '>=' ? 'evaluation.op.atLeast' : 'evaluation.op.atMost')} ${r.threshold.toLocaleString('da-DK')}${unit(r.metric)}`,
              },
              {
                key: 'actual',
                header: t('evaluation.results.actual'),
                className: right,
                cell: (r) =>
                  r.actual === null
                    ? t('evaluation.hidden')
                    : `${r.actual.toLocaleString('da-DK')}${unit(r.metric)}`,
              },
              {
                key: 'numerator',
                header: t('evaluation.results.numerator'),
                className: right,
                cell: (r) => fmtShown(r.numerator),
              },
              {
                key: 'denominator',
                header: t('evaluation.results.denominator'),
                className: right,
                cell: (r) => fmtShown(r.denominator),
              },
              {
                key: 'met',
                header: t('evaluation.results.met'),
                cell: (r) =>
                  r.met === null
                    ? t('evaluation.results.unknown')
                    : r.met
                      ? t('evaluation.results.yes')
                      : t('evaluation.results.no'),
              },
            ]}
          />
          <p className="form-hint">{t('evaluation.suppressionNote')}</p>
        </section>
      )}

      {started && (
        <section aria-labelledby="satisfaction-heading" className="mt-8">
          <h2 id="satisfaction-heading">{t('evaluation.satisfaction.heading')}</h2>
          <p>
            {t('evaluation.satisfaction.summary', {
              n: fmtShown(e.satisfaction.respondents),
              mean:
                e.satisfaction.mean === null
                  ? t('evaluation.hidden')
                  : e.satisfaction.mean.toLocaleString('da-DK'),
            })}
          </p>
          <DataTable
            caption={t('evaluation.satisfaction.heading')}
            className="table table--compact"
            rows={e.satisfaction.distribution}
            rowKey={(d) => d.rating}
            columns={[
              {
                key: 'rating',
                header: t('evaluation.satisfaction.rating'),
                cell: (d) => d.rating,
                rowHeader: true,
              },
              {
                key: 'count',
                header: t('evaluation.count'),
                className: right,
                cell: (d) => fmtShown(d.count),
              },
            ]}
          />
          {e.satisfaction.comments.length > 0 && (
            <>
              <h3 className="h4">{t('evaluation.satisfaction.comments')}</h3>
              <ul>
                {e.satisfaction.comments.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: comments may repeat
                  <li key={i}>{c}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      {started && (
        <section aria-labelledby="effect-heading" className="mt-8">
          <h2 id="effect-heading">{t('evaluation.effect.heading')}</h2>
          <div className="alert alert-warning" role="note">
            <div className="alert-body">
              <p className="alert-heading">{e.effect.label}</p>
              <p className="alert-text">
                {t('evaluation.effect.matched', {
                  on: e.effect.matchedOn
                    .map((m) => t(`evaluation.match.${m}` as MessageKey))
                    .join(', '),
                })}
                {!e.effect.riskGroupAvailable && ` ${t('evaluation.effect.noRisk')}`}
              </p>
            </div>
          </div>
          {!e.effect.enough ? (
            <p>{t('evaluation.effect.notEnough')}</p>
          ) : (
            <>
              <table className="table table--compact mt-4" data-testid="effect-summary">
                <caption className="sr-only">{t('evaluation.effect.summary')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('evaluation.group')}</th>
                    <th scope="col" className="text-align-right">
                      {t('evaluation.count')}
                    </th>
                    <th scope="col" className="text-align-right">
                      {t('evaluation.effect.events')}
                    </th>
                    <th scope="col" className="text-align-right">
                      {t('evaluation.effect.median')}
                    </th>
                    {[13, 26, 52].map((w) => (
                      <th scope="col" key={w} className="text-align-right">
                        {t('evaluation.effect.shareAt', { week: w })}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {e.effect.groups.map((g) => (
                    <tr key={g.group}>
                      <th scope="row">
                        {t(
                          g.group === 'participants'
                            ? 'evaluation.participants'
                            : 'evaluation.comparison',
                        )}
                      </th>
                      <td className="text-align-right">{fmtShown(g.n)}</td>
                      <td className="text-align-right">{fmtShown(g.events)}</td>
                      <td className="text-align-right">
                        {g.medianWeeks === null
                          ? t('evaluation.effect.notReached')
                          : g.medianWeeks.toLocaleString('da-DK', { maximumFractionDigits: 1 })}
                      </td>
                      {g.shares.map((s) => (
                        <td key={s.week} className="text-align-right">
                          {fmtPct(s.share)}
                          {s.lower !== null && ` (${fmtPct(s.lower)}–${fmtPct(s.upper)})`}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
              {e.effect.logRank && (
                <p>
                  {t('evaluation.effect.logRank', {
                    chi: e.effect.logRank.chiSquare.toLocaleString('da-DK', {
                      maximumFractionDigits: 2,
                    }),
                    p:
                      e.effect.logRank.pValue < 0.001
                        ? '< 0,001'
                        : e.effect.logRank.pValue.toLocaleString('da-DK', {
                            maximumFractionDigits: 3,
                          }),
                  })}
                </p>
              )}
              <SurvivalFigure groups={e.effect.groups} title={t('evaluation.effect.chart')} />
            </>
          )}
        </section>
      )}
    </>
  );
}
