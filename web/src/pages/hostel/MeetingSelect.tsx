// The commission's sessions not yet closed, to put a hostel decision on (MTG-4 is held at its vote).
import { SelectField } from '../../components/Field';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import { useResource } from '../bodies/bodies-api';
import type { Id } from './hostel';

interface MeetingRow { id: Id; number: number; held_on: string; status: string }

export function MeetingSelect({ bodyId, value, onValue, error }: { bodyId: Id; value: string; onValue: (v: string) => void; error?: string }) {
  const { locale } = useApp();
  const [meetings] = useResource<{ items: MeetingRow[] }>(`/api/v1/bodies/${encodeURIComponent(String(bodyId))}/meetings`, [locale, bodyId]);
  const open = meetings.state === 'ready' ? meetings.data.items.filter((m) => m.status !== 'closed') : [];
  return (
    <SelectField
      label={t('ui.hostel.allocation.meeting')}
      name="meeting_id"
      value={value}
      onValue={onValue}
      options={[{ value: '', label: '—' }, ...open.map((m) => ({ value: String(m.id), label: t('ui.hostel.allocation.meeting_option', { number: m.number, date: formatDate(m.held_on, locale) }) }))]}
      error={error}
      hint={t('ui.hostel.allocation.meeting_hint')}
      required
    />
  );
}
