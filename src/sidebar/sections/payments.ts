// Payments: bank statements in, matches applied and undone.
import { h } from '../dom';
import { call } from '../rpc';
import { button, buttons } from '../controls';
import { clearStatus, server, setStatus, t } from '../store';

/** Bank statements in: the import dialog, and apply and undo with their outcome on the status line. */
export function paymentsSection(): Array<Node | null> {
  const importStatement = async () => {
    clearStatus('payments');
    await call('showImportStatement');
  };
  const apply = async () => setStatus('payments', server(await call('sidebarApplyPayments')), false);
  const undo = async () => setStatus('payments', server(await call('sidebarUndoPayments')), false);
  return [h('p', { class: 'meta' }, t('paymentsHint')), buttons(button(t('importStatement'), importStatement, 'action'), button(t('applyMatches'), apply), button(t('undoApply'), undo))];
}
