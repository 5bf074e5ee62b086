/**
 * The reminder outbox: what Helhed has sent, is waiting to send or failed to send. Where no SMTP
 * server is configured (the embedded default) reminders are not sent, and this page is where
 * they can be read.
 */
import { useOutbox } from '../../api/followup';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/da';

export function OutboxPage() {
  const t = useT();
  useDocumentTitle(t('followup.outbox.title'));
  const q = useOutbox();
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  return (
    <>
      <PageHeading>{t('followup.outbox.title')}</PageHeading>
      <p>{q.data.sending ? t('followup.outbox.sending') : t('followup.outbox.notSending')}</p>
      <p>
        {q.data.sendingSms ? t('followup.outbox.sendingSms') : t('followup.outbox.notSendingSms')}
      </p>
      {q.data.items.length === 0 ? (
        <p>{t('followup.outbox.empty')}</p>
      ) : (
        <ul className="nobullet-list" data-testid="outbox">
          {q.data.items.map((m) => (
            <li key={m.id} className="mb-5">
              <h2 className="h4">{m.subject || t('followup.outbox.sms')}</h2>
              <p className="font-size-sm">
                {t('followup.outbox.to', { to: m.recipient })} ·{' '}
                {t(`followup.outbox.status.${m.status}` as MessageKey)}
                {m.attempts > 0 && ` · ${t('followup.outbox.attempts', { n: m.attempts })}`}
              </p>
              <pre className="outbox-body">{m.body}</pre>
              {m.lastError && <p className="form-error-message">{m.lastError}</p>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
