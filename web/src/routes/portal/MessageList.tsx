import { daDateTime } from '../../api/plans';
import { useT } from '../../i18n';

export interface PortalMessages {
  items: {
    id: string;
    body: string;
    fromCitizen: boolean;
    byProxy: boolean;
    senderName: string | null;
    createdAt: string;
  }[];
}

/**
 * The thread between the citizen and the job centre, newest first, as both sides see it: who
 * wrote (from the reader's side: "you" or the other party), when, and whether a proxy wrote for
 * the citizen.
 */
export function MessageList({
  messages,
  reader,
  citizenName,
  limit = 20,
}: {
  messages: PortalMessages;
  reader: 'citizen' | 'staff';
  /** The citizen's name, on the staff side. */
  citizenName?: string;
  limit?: number;
}) {
  const t = useT();
  const sender = (m: PortalMessages['items'][number]) => {
    if (m.fromCitizen) {
      if (reader === 'citizen') return t('portal.messages.you');
      return m.byProxy
        ? t('messages.staff.proxyFor', { proxy: m.senderName ?? '', name: citizenName ?? '' })
        : (citizenName ?? t('messages.staff.citizen'));
    }
    return m.senderName ?? t('portal.messages.caseworker');
  };
  return (
    <ul className="nobullet-list">
      {messages.items.slice(0, limit).map((m) => (
        <li key={m.id} className="mb-3">
          <p className="font-size-sm mb-1 mt-0">
            {sender(m)} · {daDateTime(m.createdAt)}
            {m.byProxy && reader === 'citizen' ? ` · ${t('portal.byProxy')}` : ''}
          </p>
          <p className="mt-0">{m.body}</p>
        </li>
      ))}
    </ul>
  );
}
