/**
 * The first login of a user made with an invitation (the first administrator of a new
 * municipality, decision 1050): the one-time link carries its token after the #, so it never
 * reaches a server log; the user chooses a password and is logged in.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { meQueryKey, setPasswordWithInvitation } from '../../api/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { InputField } from '../../components/FormField';
import { PageHeading, useDocumentTitle } from '../../components/PageHeading';
import { useT } from '../../i18n';

export function WelcomePage() {
  const t = useT();
  useDocumentTitle(t('welcome.title'));
  const id = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [token] = useState(() => window.location.hash.replace(/^#/, ''));
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => setPasswordWithInvitation(token, password),
    onSuccess: (user) => {
      queryClient.setQueryData(meQueryKey, user);
      navigate('/', { replace: true });
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (password.length < 12) return setProblem(t('welcome.tooShort'));
    if (password !== repeat) return setProblem(t('welcome.mismatch'));
    setProblem(null);
    save.mutate();
  }
  return (
    <div className="login-layout">
      <PageHeading>{t('welcome.title')}</PageHeading>
      {!token ? (
        <div className="alert alert-error" role="alert">
          <div className="alert-body">
            <p className="alert-text">{t('welcome.noToken')}</p>
          </div>
        </div>
      ) : (
        <>
          <p className="font-lead">{t('welcome.intro')}</p>
          <ErrorAlert error={save.error} heading={t('welcome.failed')} />
          <form onSubmit={onSubmit} noValidate>
            <InputField
              id={`${id}-password`}
              label={t('welcome.password')}
              hint={t('welcome.passwordHint')}
              type="password"
              autoComplete="new-password"
              error={problem ?? undefined}
              value={password}
              onChange={setPassword}
            />
            <InputField
              id={`${id}-repeat`}
              label={t('welcome.repeat')}
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={setRepeat}
            />
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              {t('welcome.submit')}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
