// The signed-in frame: top bar with the product name and the account menu
// (Account Settings and Sign out, as on luis.ai), a side navigation, and the
// page. Signed-out visitors are sent to the sign-in page.
import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { consoleApi } from '../api/console.ts';
import { isUnauthorized, useAccount, useForgetSession } from '../api/session.ts';
import { ErrorMessage, Loading } from './Status.tsx';

function AccountMenu({ email }: { email: string }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const forget = useForgetSession();
  const menuRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const logout = useMutation({
    mutationFn: consoleApi.logout,
    onSettled: () => {
      forget();
      navigate('/login', { replace: true });
    },
  });

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onDown = (event: MouseEvent) => {
      if (!menuRef.current?.parentElement?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  function onMenuKey(event: React.KeyboardEvent) {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      setOpen(false);
      buttonRef.current?.focus();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      items[(index + 1) % items.length]?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      items[(index - 1 + items.length) % items.length]?.focus();
    }
  }

  return (
    <div className="account-menu">
      <button
        ref={buttonRef}
        type="button"
        className="topbar-button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="avatar" aria-hidden="true">{email.slice(0, 1).toUpperCase()}</span>
        <span className="account-email">{email}</span>
      </button>
      {open && (
        <div ref={menuRef} className="menu" role="menu" aria-label="Account" onKeyDown={onMenuKey}>
          <Link role="menuitem" to="/account" className="menu-item" onClick={() => setOpen(false)}>
            Account Settings
          </Link>
          <button role="menuitem" type="button" className="menu-item" onClick={() => logout.mutate()}>
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}

const NAV = [
  { to: '/resources', label: 'Resources' },
  { to: '/luis', label: 'LUIS apps' },
  { to: '/language', label: 'Language (CLU)' },
  { to: '/vision', label: 'Computer Vision' },
];

export function Layout() {
  const account = useAccount();
  const location = useLocation();

  if (account.isPending) return <div className="page-center"><Loading label="Loading your account…" /></div>;
  if (account.error && isUnauthorized(account.error)) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (account.error) {
    return <div className="page-center"><ErrorMessage error={account.error} title="Your account could not be loaded." onRetry={() => account.refetch()} /></div>;
  }

  return (
    <div className="shell">
      <a href="#main" className="skip-link" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/resources" className="brand">
          <span className="brand-mark" aria-hidden="true">P</span>
          Portico
        </Link>
        <AccountMenu email={account.data.email} />
      </header>
      <nav className="sidenav" aria-label="Main">
        {NAV.map((item) => (
          <NavLink key={item.to} to={item.to} className="sidenav-link">
            {item.label}
          </NavLink>
        ))}
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
