import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { login, meQueryKey, oidcStartUrl, useLoginMethods, useMe } from '../api/auth';
import { errorMessage } from '../components/errors';
import { Icon } from '../components/Icon';
import { PageHeading, useDocumentTitle } from '../components/PageHeading';
import { useT } from '../i18n';

export function LoginPage() {
  const t = useT();
  useDocumentTitle(t('login.title'));
  const me = useMe();
  const methods = useLoginMethods();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);

  const mutation = useMutation({
    mutationFn: () => login(username.trim(), password),
    onSuccess: (user) => {
      queryClient.setQueryData(meQueryKey, user);
      navigate(from, { replace: true });
    },
    onError: () => setPassword(''),
  });

  if (me.data && !mutation.isPending) return <Navigate to="/" replace />;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    mutation.mutate();
  }

  const error = missing
    ? t('login.required')
    : mutation.isError
      ? errorMessage(mutation.error, t)
      : null;

  return (
    <div className="login-layout">
      <PageHeading>{t('login.title')}</PageHeading>
      <p className="font-lead">{t('login.intro')}</p>

      {error && (
        <div className="alert alert-error" role="alert">
          <Icon name="error" className="alert-icon" />
          <div className="alert-body">
            <p className="alert-heading">{t('login.failed')}</p>
            <p className="alert-text">{error}</p>
          </div>
        </div>
      )}

      <form onSubmit={onSubmit} noValidate>
        <div className="form-group">
          <label className="form-label" htmlFor="login-username">
            {t('login.username')}
          </label>
          <input
            className="form-input"
            id="login-username"
            name="username"
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="login-password">
            {t('login.password')}
          </label>
          <input
            className="form-input"
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <button
          type="submit"
          className="button button-primary mt-6"
          disabled={mutation.isPending}
          aria-busy={mutation.isPending}
        >
          {mutation.isPending ? t('login.submitting') : t('login.submit')}
        </button>
      </form>

      {methods.data?.oidc && (
        <>
          <h2 className="h3 mt-9">{t('login.citizenHeading')}</h2>
          <p>{t('login.citizenIntro')}</p>
          <a className="button button-secondary" href={oidcStartUrl}>
            {t('login.mitid')}
          </a>
        </>
      )}
    </div>
  );
}
