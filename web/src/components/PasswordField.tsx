// The field where someone chooses a new password (activation, reset, their own or another
// account's): the browser offers to generate one, and the hint states what the server requires.
import { t } from '../i18n';
import { TextField } from './Field';

export function NewPasswordField(props: { label: string; name: string; value: string; onValue: (value: string) => void; error?: string; required?: boolean }) {
  return <TextField {...props} type="password" autoComplete="new-password" hint={t('ui.users.password_hint')} />;
}
