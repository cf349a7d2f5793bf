// Loading and error states shared by every page: nothing fails silently.
import { describeError } from '../api/client.ts';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function ErrorMessage({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <div className="message message-error" role="alert">
      <div>
        {title && <strong>{title} </strong>}
        <span>{describeError(error)}</span>
      </div>
      {onRetry && (
        <button type="button" className="button button-link" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Notice({ children, tone = 'info' }: { children: React.ReactNode; tone?: 'info' | 'success' | 'warning' }) {
  return (
    <div className={`message message-${tone}`} role={tone === 'warning' ? 'alert' : 'status'}>
      <div>{children}</div>
    </div>
  );
}
