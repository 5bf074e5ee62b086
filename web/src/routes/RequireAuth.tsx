import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/auth';
import { NoAccessBoundary } from '../components/NoAccess';

/**
 * Pages below this route need a logged-in user; the layout has already loaded /me. A page whose
 * query the user's role is refused becomes the no-access page (NoAccessBoundary).
 */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (!me.data) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return (
    <NoAccessBoundary>
      <Outlet />
    </NoAccessBoundary>
  );
}
