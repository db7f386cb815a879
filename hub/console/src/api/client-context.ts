import { createContext, useContext } from 'react';
import type { AdminClient } from './admin-client.js';

export const AdminClientContext = createContext<AdminClient | null>(null);

/** The admin API client of this console page. */
export function useAdminClient(): AdminClient {
  const client = useContext(AdminClientContext);
  if (!client) throw new Error('useAdminClient outside AdminClientContext');
  return client;
}
