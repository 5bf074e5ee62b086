import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/auth';

/** Pages below this route need a logged-in user; the layout has already loaded /me. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (!me.data) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <Outlet />;
}
