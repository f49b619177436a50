// Above the sections: the stored settings damaged (restore them), or held for
// the person's approval (approve, or restore the approved copy). A last good
// copy that is not what the person approved is shown against what they did
// approve, field by field, and restored only for review.
import { data, h } from '../dom';
import type { SaveResult } from '../../shared/contract';
import type { LabelKey } from '../i18n';
import { call } from '../rpc';
import { changeItem, policyChanges, policyKeys, templateChanges } from '../changes';
import { button, buttons } from '../controls';
import { dirty, loadState, notices, reloadStatus, render, server, setStatus, state, t, tn } from '../store';

/** Above the sections: damaged settings and the choice to restore them; a hold and the owner's choice to approve or restore. */
export function settingsNotice(): HTMLElement | null {
  const { damaged, lockedBy, hasLastGood, lastGoodApproved, unapproved, approved } = state.settings;
  const notice = notices.get('settings');
  const status = h('p', { id: 'status-settings', class: `status ${notice?.error ? 'error' : 'ok'}`, role: notice?.error ? 'alert' : 'status' }, notice?.text ?? '');
  const box = (...children: Array<Node | null>) => h('section', { class: 'notice', id: 'settings-notice', 'aria-labelledby': 'settings-notice-title' }, ...children, status);
  const title = (text: string) => h('p', { class: 'notice-title', id: 'settings-notice-title' }, text);
  if (damaged) {
    // The last good copy (shown below) against the copy the person approved: restored and approved in one click only when they are the same.
    const differs = hasLastGood && !lastGoodApproved && approved !== null;
    const offerApproved = !lastGoodApproved && approved !== null;
    return box(
      title(t('damaged')),
      // The server's diagnosis, as it is: which stored value and what is wrong with it.
      h('p', { class: 'meta' }, `${t('details')}: `, data(damaged.replace(/^the stored settings cannot be used \((.*)\)$/s, '$1'))),
      h('p', {}, t(hasLastGood ? 'damagedShowsLastGood' : 'damagedShowsDefaults')),
      differs && !lockedBy ? h('p', {}, t('lastGoodNotApproved')) : null,
      differs && !lockedBy ? changeList(approved) : null,
      hasLastGood && !lastGoodApproved && approved === null && !lockedBy ? h('p', {}, t('lastGoodUnknown')) : null,
      lockedBy
        ? h('p', { id: 'settings-owner-only' }, ...tn('onlyOwnerRestores', { owner: data(lockedBy) }))
        : buttons(
            offerApproved ? button(t('restoreApproved'), restoreApproved, 'action') : null,
            hasLastGood
              ? lastGoodApproved
                ? button(t('restoreLastGood'), () => restore('last-good'), 'action')
                : button(t('restoreLastGoodToReview'), () => replaceSettings(() => call('sidebarRestoreSettings', 'last-good'), 'restoredForReview'), offerApproved ? 'secondary' : 'action')
              : null,
            button(t('startFromDefaults'), () => restore('defaults'), hasLastGood || offerApproved ? 'secondary' : 'action'),
          ),
    );
  }
  if (unapproved) {
    return box(
      title(t('heldForYou')),
      approved ? h('p', {}, t('changedSinceApproved')) : h('p', {}, t('approvedNotKept')),
      approved ? changeList(approved) : null,
      buttons(button(t('approveSettings'), approveSettings, 'action'), approved ? button(t('restoreApproved'), restoreApproved) : null),
    );
  }
  // Others see the hold (the server's sentence names the owner) and nothing to press.
  if (state.schedule.held) return box(title(server(state.schedule.held)));
  return notice ? box() : null;
}

/** What differs, field by field, between the copy the person approved and the settings the page shows. */
function changeList(approved: NonNullable<typeof state.settings.approved>): HTMLElement {
  const changes = [...policyChanges(approved.policy, state.policy, policyKeys(), changeItem), ...templateChanges(approved.templates, state.templates).map((text) => h('li', {}, text))];
  return h('ul', { class: 'changes', id: 'settings-changes' }, ...(changes.length ? changes : [h('li', {}, t('noVisibleChange'))]));
}

async function approveSettings(): Promise<void> {
  const result = await call('sidebarApproveSettings', state.settings.fingerprint);
  if (!result.ok) return setStatus('settings', result.problems.map((problem) => server(problem.message)).join(' '), true);
  await reloadStatus();
  notices.set('settings', { text: t('approvedNow'), error: false });
  render();
}

/** Replaces the stored settings (damaged, or changed since the owner approved them) with the copy the person chose, and shows it. */
async function replaceSettings(request: () => Promise<SaveResult>, done: LabelKey): Promise<void> {
  const result = await request();
  if (!result.ok) return setStatus('settings', result.problems.map((problem) => server(problem.message)).join(' '), true);
  loadState(await call('sidebarLoad'));
  dirty.clear();
  notices.clear();
  notices.set('settings', { text: t(done), error: false });
  render();
}

const restore = (choice: 'last-good' | 'defaults') => replaceSettings(() => call('sidebarRestoreSettings', choice), choice === 'last-good' ? 'restoredLastGood' : 'restoredDefaults');
const restoreApproved = () => replaceSettings(() => call('sidebarRestoreApproved'), 'restoredApproved');
