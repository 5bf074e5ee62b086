/**
 * The caseworker's side of the messages with a citizen (the citizen writes on Min side): the
 * thread, newest first, and a reply. Opening the page and every reply are audited by the server.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { mayAttempt, useMe } from '../../api/auth';
import { api } from '../../api/client';
import { getCitizen } from '../../api/workflow';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextareaField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { PageState } from '../../components/PageState';
import { useT } from '../../i18n';
import { MessageList, type PortalMessages } from '../portal/MessageList';

export function CitizenMessagesPage() {
  const t = useT();
  const { id = '' } = useParams();
  const me = useMe().data;
  const may = mayAttempt(me, 'portal.staff_messages');
  const queryClient = useQueryClient();
  const citizen = useQuery({
    queryKey: ['citizen', id],
    queryFn: () => getCitizen(id),
    enabled: may,
  });
  const name = citizen.data ? `${citizen.data.firstName} ${citizen.data.lastName}` : '';
  useDocumentTitle(name ? t('messages.staff.titleFor', { name }) : t('messages.staff.title'));
  const key = ['citizen-messages', id];
  const messages = useQuery({
    queryKey: key,
    queryFn: () => api<PortalMessages>(`/api/portal/citizens/${id}/messages`),
    enabled: may,
  });
  const [body, setBody] = useState('');
  const [sent, setSent] = useState(false);
  const send = useMutation({
    mutationFn: () =>
      api<PortalMessages>(`/api/portal/citizens/${id}/messages`, {
        method: 'POST',
        body: { body: body.trim() },
      }),
    onSuccess: (m) => {
      queryClient.setQueryData(key, m);
      setBody('');
      setSent(true);
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSent(false);
    if (body.trim()) send.mutate();
  };
  return (
    <>
      <PageHeading>
        {name ? t('messages.staff.titleFor', { name }) : t('messages.staff.title')}
      </PageHeading>
      <p>
        <Link to={`/borgere/${id}`}>{t('citizenForm.backToCitizen')}</Link>
      </p>
      <PageState query={messages} noAccess={!may}>
        {(data) => (
          <>
            <p>{t('messages.staff.intro')}</p>
            <form onSubmit={onSubmit} noValidate aria-labelledby="messages-reply">
              <h2 id="messages-reply" className="h3">
                {t('messages.staff.reply')}
              </h2>
              <TextareaField
                id="messages-body"
                label={t('messages.staff.body')}
                hint={t('messages.staff.hint')}
                maxLength={4000}
                value={body}
                onChange={(v) => {
                  setBody(v);
                  setSent(false);
                }}
              />
              <button
                type="submit"
                className="button button-primary"
                disabled={send.isPending || !body.trim()}
              >
                {t('messages.staff.send')}
              </button>
              {sent && (
                <p role="status" className="mt-2">
                  {t('messages.staff.sent')}
                </p>
              )}
              {send.isError && (
                <ErrorAlert error={send.error} heading={t('messages.staff.failed')} />
              )}
            </form>
            <section aria-labelledby="messages-thread" className="mt-6">
              <h2 id="messages-thread" className="h3">
                {t('messages.staff.thread')}
              </h2>
              {data.items.length === 0 ? (
                <p>{t('messages.staff.empty')}</p>
              ) : (
                <MessageList messages={data} reader="staff" citizenName={name} limit={200} />
              )}
            </section>
          </>
        )}
      </PageState>
    </>
  );
}
