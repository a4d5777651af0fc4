/** What every page needs: the API client, the signed-in user and the runtime configuration. */
import { createContext, useContext } from 'react';
import type { Api } from './api.ts';
import type { Session } from './auth/session.ts';
import type { RuntimeConfig } from './config.ts';

export interface ConsoleContext {
  readonly api: Api;
  readonly session: Session;
  readonly config: RuntimeConfig;
}

export const Ctx = createContext<ConsoleContext | undefined>(undefined);

export function useConsole(): ConsoleContext {
  const c = useContext(Ctx);
  if (!c) throw new Error('useConsole outside the signed-in console');
  return c;
}
