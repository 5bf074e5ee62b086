/**
 * The manager starts the municipality's FHIR export and follows it (issue 17): pseudonymised,
 * without health content, small groups left out (the dashboards' rules), as NDJSON files that
 * a statistics or evaluation system reads. The job id lives in the address (?job=), so a reload
 * keeps following the same export.
 */
import { useSearchParams } from 'react-router';
import { mayAttempt, useMe } from '../../api/auth';
import { exportFileHref, useExportStatus, useStartExport } from '../../api/fhir';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NoAccess } from '../../components/NoAccess';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';

export function FhirExportPage() {
  const t = useT();
  useDocumentTitle(t('fhirExport.title'));
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const start = useStartExport();
  const status = useExportStatus(jobId);
  // An address typed by a role without the export: the whole page is the no-access page.
  if (!mayAttempt(me, 'fhir.export')) return <NoAccess />;

  return (
    <>
      <PageHeading>{t('fhirExport.title')}</PageHeading>
      <p className="font-lead">{t('fhirExport.intro')}</p>
      <ul>
        <li>{t('fhirExport.rule.pseudonym')}</li>
        <li>{t('fhirExport.rule.noHealth')}</li>
        <li>{t('fhirExport.rule.smallCells')}</li>
      </ul>
      <button
        type="button"
        className="button button-primary"
        disabled={start.isPending || status.data?.state === 'running'}
        onClick={() => start.mutate(undefined, { onSuccess: (id) => setParams({ job: id }) })}
      >
        {start.isPending ? t('fhirExport.starting') : t('fhirExport.start')}
      </button>
      <ErrorAlert error={start.error} heading={t('fhirExport.startFailed')} className="mt-5" />
      {jobId && (
        <section className="mt-7" aria-labelledby="fhir-export-status">
          <h2 id="fhir-export-status">{t('fhirExport.status')}</h2>
          <PageState query={status}>
            {(s) =>
              s.state === 'running' ? (
                <div aria-live="polite">
                  <label htmlFor="fhir-export-progress">
                    {t('fhirExport.running', { progress: s.text })}
                  </label>
                  <progress
                    id="fhir-export-progress"
                    className="d-block mt-3"
                    max={100}
                    value={s.progress}
                  />
                </div>
              ) : (
                <>
                  <p aria-live="polite" data-testid="fhir-export-done">
                    {t('fhirExport.done', { n: s.files.length })}
                  </p>
                  <DataTable
                    caption={t('fhirExport.files')}
                    rows={s.files}
                    rowKey={(f) => f.url}
                    columns={[
                      {
                        key: 'type',
                        header: t('fhirExport.col.type'),
                        cell: (f) => f.type,
                        rowHeader: true,
                      },
                      { key: 'count', header: t('fhirExport.col.count'), cell: (f) => f.count },
                      {
                        key: 'file',
                        header: t('fhirExport.col.file'),
                        cell: (f) => (
                          <a href={exportFileHref(jobId, f)} download>
                            {t('fhirExport.download', { name: f.url.split('/').pop() ?? '' })}
                          </a>
                        ),
                      },
                    ]}
                  />
                </>
              )
            }
          </PageState>
        </section>
      )}
    </>
  );
}
