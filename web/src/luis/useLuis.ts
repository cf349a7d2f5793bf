// The LUIS client for the authoring region the user picked (remembered in
// this browser), built from the account's authoring key for that region.
import { useMemo, useState } from 'react';
import { useAccount } from '../api/session.ts';
import { connectionFor, luisClient } from './api.ts';

const REGION_KEY = 'portico.luis.region';

export function useLuis() {
  const account = useAccount();
  const regions = Object.keys(account.data?.authoringKeys ?? {});
  const [chosen, setChosen] = useState(() => localStorage.getItem(REGION_KEY) ?? '');
  const region = regions.includes(chosen) ? chosen : regions[0] ?? '';
  const connection = account.data ? connectionFor(account.data, region) : undefined;
  const client = useMemo(() => (connection ? luisClient(connection) : undefined), [connection?.key, connection?.base]);
  return {
    account,
    regions,
    region,
    setRegion: (r: string) => {
      localStorage.setItem(REGION_KEY, r);
      setChosen(r);
    },
    client,
  };
}

export function downloadJson(name: string, data: unknown): void {
  downloadText(name, JSON.stringify(data, null, 2), 'application/json');
}

export function downloadText(name: string, text: string, type: string): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** An app file to import: LUIS JSON parsed here, a .lu file sent as its text for the server to parse. */
export async function readAppFile(file: File): Promise<unknown> {
  if (file.name.toLowerCase().endsWith('.lu')) return new Blob([await file.text()], { type: 'text/plain' });
  return readJsonFile(file);
}

export async function readJsonFile(file: File): Promise<unknown> {
  const text = await file.text();
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${file.name} is not valid JSON: ${(err as Error).message}`);
  }
}
