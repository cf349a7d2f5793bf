export function StateBadge({ state }: { state: string }) {
  const tone = state === 'active' ? 'ok' : state === 'expired' ? 'warn' : 'neutral';
  return <span className={`badge badge-${tone}`}>{state.charAt(0).toUpperCase() + state.slice(1)}</span>;
}
