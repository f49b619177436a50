// Team: the morning digest per manager (issue 27): on or off, the address (the
// manager's own or yours) and the language. Saved in your own account's
// properties, so it is your approval; no cell turns a digest on.
import { data, field, h } from '../dom';
import { call } from '../rpc';
import { button, buttons, checkbox, languageOptions, refused, select } from '../controls';
import { dirty, markDirty, notices, render, state, t } from '../store';

export function teamSection(): Array<Node | null> {
  const managers = state.team?.managers ?? [];
  if (managers.length === 0) return [h('p', { class: 'secondary' }, t('noManagers'))];
  const save = async () => {
    // Only those turned on are kept: a manager left out gets none.
    const result = await call('sidebarSaveDigests', managers.filter((entry) => entry.on));
    if (!result.ok) return refused('team', document.getElementById('team-list') as HTMLElement, result.problems);
    dirty.delete('team');
    notices.set('team', { text: t('savedTeam'), error: false });
    render();
  };
  const items = managers.map((entry, k) =>
    h(
      'li',
      { 'data-manager': entry.manager },
      data(entry.manager, 'strong'),
      h('span', { class: 'meta' }, t('managerCustomers', { count: entry.customers })),
      field(t('digestOn'), checkbox(entry.on, (value) => (entry.on = value), 'team'), `team.${k}.on`),
      field(t('digestTo'), select(entry.addresses.map((address): [string, string] => [address, address]), entry.address, (value) => ((entry.address = value), markDirty('team')), true), `team.${k}.address`),
      field(t('language'), select(languageOptions(), entry.language, (value) => ((entry.language = value as typeof entry.language), markDirty('team'))), `team.${k}.language`),
    ),
  );
  return [h('p', { class: 'secondary' }, t('teamIntro')), h('ul', { class: 'list', id: 'team-list' }, ...items), buttons(button(t('save'), save, 'action'))];
}
