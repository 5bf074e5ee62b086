import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import {
  commitImport,
  danishDate,
  getImport,
  type ImportDetail,
  uploadImport,
} from '../../api/workflow';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ErrorState } from '../../components/ErrorState';
import { FileField } from '../../components/FileField';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';

type RecentImport = Pick<
  ImportDetail,
  'id' | 'fileName' | 'status' | 'totalRows' | 'validRows' | 'errorRows'
> & { createdAt: string; createdByName: string | null };

/** The municipality's latest imports. A role without imports is refused here (403), so the
 * page becomes the no-access page rather than a form that fails on upload. */
function RecentImports() {
  const t = useT();
  const recent = useQuery({
    queryKey: ['imports'],
    queryFn: () => api<{ items: RecentImport[] }>('/api/imports'),
  });
  return (
    <section aria-labelledby="recent-imports" className="mt-7">
      <h2 id="recent-imports">{t('import.recent')}</h2>
      {recent.isPending ? (
        <Loading />
      ) : recent.isError ? (
        <ErrorState error={recent.error} onRetry={() => recent.refetch()} />
      ) : recent.data.items.length === 0 ? (
        <p>{t('import.recent.empty')}</p>
      ) : (
        <table className="table">
          <caption className="sr-only">{t('import.recent')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.recent.file')}</th>
              <th scope="col">{t('import.recent.status')}</th>
              <th scope="col">{t('import.recent.rows')}</th>
              <th scope="col">{t('import.recent.when')}</th>
            </tr>
          </thead>
          <tbody>
            {recent.data.items.map((job) => (
              <tr key={job.id}>
                <td>{job.fileName}</td>
                <td>{t(`import.status.${job.status}`)}</td>
                <td>
                  {t('import.summary', {
                    total: job.totalRows,
                    valid: job.validRows,
                    errors: job.errorRows,
                  })}
                </td>
                <td>
                  {new Date(job.createdAt).toLocaleString('da-DK', {
                    timeZone: 'Europe/Copenhagen',
                    dateStyle: 'short',
                    timeStyle: 'short',
                  })}
                  {job.createdByName ? `, ${job.createdByName}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ImportPage() {
  const t = useT();
  useDocumentTitle(t('import.title'));
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<ImportDetail | null>(null);
  const saved = (j: ImportDetail) => {
    setJob(j);
    queryClient.invalidateQueries({ queryKey: ['imports'] });
  };
  const upload = useMutation({ mutationFn: (f: File) => uploadImport(f), onSuccess: saved });
  const commit = useMutation({ mutationFn: (id: string) => commitImport(id), onSuccess: saved });
  const running = job && (job.status === 'queued' || job.status === 'running');
  const progress = useQuery({
    queryKey: ['import', job?.id],
    queryFn: () => getImport(job!.id),
    enabled: !!running,
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'completed' || s === 'failed' ? false : 500;
    },
  });
  const current =
    progress.data && progress.data.id === job?.id && job.status !== 'previewed'
      ? progress.data
      : job;

  function onFile(f: File | null) {
    setFile(f);
    setJob(null);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (file) upload.mutate(file);
  }

  return (
    <>
      <PageHeading>{t('import.title')}</PageHeading>
      <p>{t('import.intro')}</p>
      <form onSubmit={onSubmit} noValidate>
        <FileField id="import-file" label={t('import.file')} onFile={onFile} />
        <button
          type="submit"
          className="button button-primary"
          disabled={!file || upload.isPending}
        >
          {upload.isPending ? t('import.uploading') : t('import.upload')}
        </button>
      </form>
      <ErrorAlert error={upload.error} className="mt-6" />
      {current && (
        <section aria-labelledby="preview-heading" className="mt-6">
          <h2 id="preview-heading">{current.fileName}</h2>
          <p role="status" data-testid="import-summary">
            {t('import.summary', {
              total: current.totalRows,
              valid: current.validRows,
              errors: current.errorRows,
            })}
          </p>
          {current.errors.length > 0 && (
            <table className="table" data-testid="import-errors">
              <caption>{t('import.errors')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('import.col.row')}</th>
                  <th scope="col">{t('import.col.column')}</th>
                  <th scope="col">{t('import.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {current.errors.map((e) => (
                  <tr key={`${e.row}-${e.column}-${e.message}`}>
                    <td>{e.row}</td>
                    <td>{e.column ?? ''}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {current.sample.length > 0 && current.status === 'previewed' && (
            <table className="table">
              <caption>{t('import.sample')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('import.col.row')}</th>
                  <th scope="col">{t('citizens.col.cpr')}</th>
                  <th scope="col">{t('citizens.col.name')}</th>
                  <th scope="col">{t('citizen.periods.type')}</th>
                  <th scope="col">{t('citizen.periods.start')}</th>
                </tr>
              </thead>
              <tbody>
                {current.sample.map((s) => (
                  <tr key={s.row}>
                    <td>{s.row}</td>
                    <td>{s.cprMasked}</td>
                    <td>
                      {s.firstName} {s.lastName}
                    </td>
                    <td>{s.benefitType}</td>
                    <td>{danishDate(s.startDate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {current.status === 'previewed' && current.validRows > 0 && (
            <button
              type="button"
              className="button button-primary"
              disabled={commit.isPending}
              onClick={() => commit.mutate(current.id)}
            >
              {t('import.commit', { valid: current.validRows })}
            </button>
          )}
          <ErrorAlert error={commit.error} />
          {current.status !== 'previewed' && (
            <div className="mt-4">
              <label htmlFor="import-progress" className="form-label">
                {t('import.progress')}
              </label>
              <progress
                id="import-progress"
                max={current.validRows}
                value={current.processed}
                className="d-block w-percent-100"
              >
                {current.processed}
              </progress>
              <p>
                {t('import.progressText', {
                  processed: current.processed,
                  valid: current.validRows,
                })}
              </p>
              {current.status === 'completed' && (
                <p role="status" className="alert alert-success" data-testid="import-done">
                  {t('import.done', {
                    citizens: current.createdCitizens,
                    periods: current.createdPeriods,
                    skipped: current.skippedRows,
                  })}
                </p>
              )}
              {current.status === 'failed' && (
                <p role="alert" className="alert alert-error">
                  {t('import.failed')}
                </p>
              )}
            </div>
          )}
        </section>
      )}
      <RecentImports />
    </>
  );
}
