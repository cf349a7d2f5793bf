// A key shown as dots until its owner asks to see it, with a copy button.
// Keys are secrets: hidden by default, and never put in the page title or URL.
import { useEffect, useId, useState } from 'react';

type SecretFieldProps = {
  label: string;
  value: string | undefined;
  actions?: React.ReactNode;
};

export const MASK = '••••••••••••••••••••••••••••••••';

export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Clipboard API is missing on plain http origins other than localhost.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

export function SecretField({ label, value, actions }: SecretFieldProps) {
  const inputId = useId();
  const [shown, setShown] = useState(false);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (copyState === 'idle') return;
    const timer = setTimeout(() => setCopyState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [copyState]);

  return (
    <div className="secret">
      <label htmlFor={inputId} className="secret-label">{label}</label>
      <div className="secret-row">
        <input
          id={inputId}
          className="secret-value mono"
          readOnly
          value={value === undefined ? '' : shown ? value : MASK}
          placeholder={value === undefined ? 'Loading…' : undefined}
          aria-label={label}
          data-shown={shown}
        />
        <button
          type="button"
          className="button button-icon"
          aria-pressed={shown}
          aria-label={`${shown ? 'Hide' : 'Show'} ${label}`}
          onClick={() => setShown((s) => !s)}
          disabled={value === undefined}
        >
          {shown ? 'Hide' : 'Show'}
        </button>
        <button
          type="button"
          className="button button-icon"
          aria-label={`Copy ${label}`}
          disabled={value === undefined}
          onClick={() => value && copyText(value).then(() => setCopyState('copied'), () => setCopyState('failed'))}
        >
          Copy
        </button>
        {actions}
      </div>
      <span className="secret-status" role="status" aria-live="polite">
        {copyState === 'copied' ? `${label} copied to the clipboard.` : copyState === 'failed' ? 'Copy failed: select the key and copy it by hand.' : ''}
      </span>
    </div>
  );
}
