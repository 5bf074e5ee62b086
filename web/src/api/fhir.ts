/**
 * The FHIR Bulk Data export of the municipality (issue 17): kick-off, status with progress, and
 * the NDJSON files. The server answers FHIR here (OperationOutcome while running, the bulk-data
 * manifest when done), not Helhed's own JSON.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface ExportFile {
  type: string;
  url: string;
  count: number;
}

export type ExportStatus =
  | { state: 'running'; progress: number; text: string }
  | { state: 'completed'; transactionTime: string; files: ExportFile[] };

interface OperationOutcome {
  resourceType: 'OperationOutcome';
  issue: { diagnostics?: string }[];
}
interface Manifest {
  transactionTime: string;
  output: ExportFile[];
}

/** The job id at the end of the status URL the kick-off names. */
const jobIdOf = (statusUrl: string) => statusUrl.split('/').pop() ?? '';

export function useStartExport() {
  return useMutation({
    mutationFn: async () => {
      const outcome = await api<OperationOutcome>('/fhir/R4/$export', {
        method: 'POST',
        headers: { prefer: 'respond-async', accept: 'application/fhir+json' },
      });
      return jobIdOf(outcome.issue[0]?.diagnostics ?? '');
    },
  });
}

export function useExportStatus(jobId: string | null) {
  return useQuery({
    queryKey: ['fhir-export', jobId],
    enabled: !!jobId,
    queryFn: async (): Promise<ExportStatus> => {
      const body = await api<OperationOutcome | Manifest>(`/fhir/R4/$export/${jobId}`);
      if ('resourceType' in body) {
        const text = body.issue[0]?.diagnostics ?? '';
        return { state: 'running', progress: Number.parseInt(text, 10) || 0, text };
      }
      return { state: 'completed', transactionTime: body.transactionTime, files: body.output };
    },
    refetchInterval: (q) => (q.state.data?.state === 'completed' ? false : 1000),
  });
}

/** The download link of one file: the same path as the manifest's URL, on this origin. */
export const exportFileHref = (jobId: string, file: ExportFile) =>
  `/fhir/R4/$export/${jobId}/${file.url.split('/').pop()}`;
