import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { logout, type Me, meQueryKey, useMe } from '../api/auth';
import { useLanguage, useT } from '../i18n';
import { ErrorState } from './ErrorState';
import { Loading } from './Loading';

/** The frame of every page: DKFDS header, main landmark and footer. */
export function Layout() {
  const me = useMe();
  useFocusHeadingOnNavigation();
  return (
    <>
      <Header user={me.data ?? null} />
      <main id="main-content" tabIndex={-1} className="container page-container">
        {me.isPending ? (
          <Loading />
        ) : me.isError ? (
          <ErrorState error={me.error} onRetry={() => me.refetch()} />
        ) : (
          <Outlet />
        )}
      </main>
      <Footer />
    </>
  );
}

function Header({ user }: { user: Me | null }) {
  const t = useT();
  return (
    <header className="header">
      <a className="skipnav" href="#main-content">
        {t('skip.toContent')}
      </a>
      <div className="portal-info">
        <div className="container portal-info-inner">
          {user && <p className="authority-name">{user.municipalityName}</p>}
          <div className="portal-user">
            {user && (
              <p className="user">
                <span className="sr-only">{t('header.userLabel')} </span>
                <span className="username">{user.displayName}</span>
              </p>
            )}
            <LanguageToggle />
            {user && <LogoutButton />}
          </div>
        </div>
      </div>
      <div className="solution-info">
        <div className="container solution-info-inner">
          <div className="solution-heading">
            <Link to="/">{t('app.name')}</Link>
          </div>
          <p className="solution-tagline">{t('app.tagline')}</p>
        </div>
      </div>
      {user && (
        <nav className="navigation-menu" aria-label={t('nav.label')}>
          <div className="navigation-menu-inner container">
            <div className="nav">
              <ul className="mainmenu">
                <li>
                  <NavLink to="/" end className="nav-link">
                    <span>{t('nav.home')}</span>
                  </NavLink>
                </li>
              </ul>
            </div>
          </div>
        </nav>
      )}
    </header>
  );
}

function LanguageToggle() {
  const t = useT();
  const { language, setLanguage } = useLanguage();
  const other = language === 'da' ? 'en' : 'da';
  return (
    <button
      type="button"
      className="button button-tertiary"
      lang={other}
      onClick={() => setLanguage(other)}
    >
      {t('header.languageSwitch')}
    </button>
  );
}

function LogoutButton() {
  const t = useT();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);

  async function onLogout() {
    setBusy(true);
    try {
      await logout();
    } catch (error) {
      // The session is dropped on this side even if the server call failed.
      console.error(error);
    } finally {
      queryClient.removeQueries();
      queryClient.setQueryData(meQueryKey, null);
      setBusy(false);
      navigate('/login', { replace: true });
    }
  }

  return (
    <button
      type="button"
      className="button button-secondary"
      onClick={onLogout}
      disabled={busy}
      aria-busy={busy}
    >
      {busy ? t('header.loggingOut') : t('header.logout')}
    </button>
  );
}

function Footer() {
  const t = useT();
  return (
    <footer>
      <div className="footer">
        <div className="container">
          <h2 className="h5">{t('footer.label')}</h2>
          <p>{t('footer.about')}</p>
          <ul className="inline-list footer-links">
            <li>{t('footer.privacy')}</li>
            <li>{t('footer.license')}</li>
          </ul>
        </div>
      </div>
    </footer>
  );
}

/** After a client-side navigation, move focus to the new page's h1 (not on first load). */
function useFocusHeadingOnNavigation() {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const frame = requestAnimationFrame(() => {
      const heading = document.querySelector<HTMLElement>('main h1');
      (heading ?? document.getElementById('main-content'))?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
}
