import { t, tOr } from '../../i18n';
import type { RoleInfo } from '../../types';
import { toggleRole } from './users-api';

export function RoleCheckboxes({ roles, value, onValue, error }: { roles: RoleInfo[]; value: string[]; onValue: (roles: string[]) => void; error?: string }) {
  const order = roles.map((role) => role.role);
  return (
    <fieldset class={`role-list${error ? ' field-invalid' : ''}`} aria-describedby={error ? 'roles-error' : undefined}>
      <legend>{t('ui.users.roles')}</legend>
      {roles.length === 0 && <p class="muted">{t('ui.common.loading')}</p>}
      {roles.map((role) => {
        const id = `role-${role.role}`;
        return (
          <div class="field-check role-option" key={role.role}>
            <input
              id={id}
              type="checkbox"
              name="roles"
              value={role.role}
              checked={value.includes(role.role)}
              onChange={(event) => onValue(toggleRole(value, role.role, (event.currentTarget as HTMLInputElement).checked, order))}
              aria-describedby={`${id}-hint`}
            />
            <label for={id}>{tOr('ui.role.', role.role)}</label>
            <p class="field-hint" id={`${id}-hint`}>
              {role.permissions.map((permission) => tOr('ui.permission.', permission)).join(', ')}
            </p>
          </div>
        );
      })}
      {error && (
        <p class="field-error" id="roles-error" data-field-error>
          {error}
        </p>
      )}
    </fieldset>
  );
}
