import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>There is no page at this address. <Link to="/resources">Go to your resources</Link>.</p>
    </div>
  );
}
