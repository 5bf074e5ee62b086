import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api, apiUpload } from '../../api/client';
import type { Plan } from '../../api/plans';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ErrorState } from '../../components/ErrorState';
import { FileField } from '../../components/FileField';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';

/**
 * Goals for a citizen's plan from a sheet (CSV or XLSX): all or nothing, every row through the
 * legal guardrail on the server. The server reads the file (platform/tabular.ts).
 */
export function PlanImportPage() {
  const t = useT();
  useDocumentTitle(t('planImport.title'));
  const { citizenId = '' } = useParams();
  const queryClient = useQueryClient();
  const key = ['plan', citizenId];
  const plan = useQuery({ queryKey: key, queryFn: () => api<Plan>(`/api/plans/${citizenId}`) });
  const [file, setFile] = useState<File | null>(null);
  const [added, setAdded] = useState<number | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) => apiUpload<Plan>(`/api/plans/${citizenId}/import/file`, f),
    onSuccess: (p) => {
      setAdded(p.goals.length - (plan.data?.goals.length ?? 0));
      queryClient.setQueryData(key, p);
    },
  });

  if (plan.isPending) return <Loading />;
  if (plan.isError) return <ErrorState error={plan.error} onRetry={() => plan.refetch()} />;
  const back = <Link to={`/planer/${citizenId}`}>{t('planImport.back')}</Link>;
  if (!plan.data.allowedActions.includes('plan.import')) {
    return (
      <>
        <PageHeading>{t('planImport.title')}</PageHeading>
        <p>{t('planImport.notAllowed')}</p>
        <p>{back}</p>
      </>
    );
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setAdded(null);
    if (file) upload.mutate(file);
  }
  const rowErrors = upload.error instanceof ApiError ? upload.error.errors : [];
  const fileField = {
    id: 'plan-import-file',
    label: t('planImport.file'),
    hint: t('planImport.hint'),
    hintId: 'plan-import-hint',
    onFile: (f: File | null) => {
      setFile(f);
      setAdded(null);
      upload.reset();
    },
  };

  return (
    <>
      <PageHeading>{t('planImport.title')}</PageHeading>
      <p>{t('planImport.intro')}</p>
      <form onSubmit={onSubmit} noValidate>
        <FileField {...fileField} />
        <button
          type="submit"
          className="button button-primary"
          disabled={!file || upload.isPending}
        >
          {t('planImport.submit')}
        </button>
      </form>
      <div aria-live="polite">
        {added !== null && (
          <div className="alert alert-success mt-5">
            <div className="alert-body">
              <p className="alert-text">{t('planImport.done', { count: added })}</p>
            </div>
          </div>
        )}
      </div>
      {upload.isError && (
        <div className="mt-5">
          <ErrorAlert error={upload.error} heading={t('planImport.failed')} />
          {rowErrors.length > 0 && (
            <ul>
              {rowErrors.map((e) => (
                <li key={e.pointer}>{e.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p className="mt-5">{back}</p>
    </>
  );
}
