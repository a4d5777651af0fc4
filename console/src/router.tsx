/**
 * A small hash router: `#/claims/CS-1?month=2026-04`. Hash routes work the same at `/` on the local
 * stack and under `/console/` on the deployed API, with no server rewrite rules.
 */
import { type ReactNode, useEffect, useState } from 'react';

export interface Location {
  readonly path: string;
  readonly query: URLSearchParams;
}

function read(): Location {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, search = ''] = raw.split('?', 2) as [string, string | undefined];
  return { path, query: new URLSearchParams(search) };
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const on = () => setLoc(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return loc;
}

export function navigate(path: string, query?: Record<string, string | undefined>): void {
  const q = query
    ? new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''))
    : undefined;
  location.hash = `#${path}${q && [...q].length > 0 ? `?${q}` : ''}`;
}

/** Matches `/claims/:id` against a path; the parameters, or undefined. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const re = new RegExp(
    `^${pattern.replace(/:(\w+)/g, (_, n: string) => {
      names.push(n);
      return '([^/]+)';
    })}$`,
  );
  const m = re.exec(path);
  if (!m) return undefined;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1] as string)]));
}

export function Link({ to, children }: { to: string; children: ReactNode }) {
  return <a href={`#${to}`}>{children}</a>;
}
