// Schedule: the daily run on or off, its last run, and the latest log lines.
import { data, h } from '../dom';
import { call } from '../rpc';
import { button, buttons } from '../controls';
import { statusText, stepText } from '../logWords';
import { notices, reloadStatus, render, server, state, t, tn } from '../store';

export function scheduleSection(): Array<Node | null> {
  const schedule = state.schedule;
  const toggle = async () => {
    const result = await call('sidebarSetSchedule', !schedule.on);
    state.schedule = result.schedule;
    notices.set('schedule', { text: result.ok ? (result.schedule.on ? t('on', { owner: result.schedule.owner }) : t('off')) : server(result.message), error: !result.ok });
    // Who may change the settings follows the schedule: show it as it now stands.
    await reloadStatus();
    render();
  };
  // The server refuses to turn off someone else's schedule: the page does not offer it.
  const othersSchedule = schedule.on && state.settings.lockedBy !== '';
  const log = state.log.map(([time, customer, address, step, status, error]) =>
    h(
      'li',
      {},
      data(customer, 'strong'),
      h('span', { class: 'meta' }, `${time} · `, data(address)),
      h('span', { class: 'meta' }, `${stepText(step)} · ${statusText(status)}${error ? `: ${server(error)}` : ''}`),
    ),
  );
  return [
    h('p', { id: 'schedule-state' }, ...(schedule.on ? tn('on', { owner: data(schedule.owner) }) : [t('off')])),
    h('p', { class: 'secondary' }, t('sendsAt', { hour: state.policy.sendHour })),
    h('p', {}, schedule.lastRunAt ? t('lastRun', { at: schedule.lastRunAt.slice(0, 16).replace('T', ' '), sent: schedule.sentLastRun }) : t('noRunYet')),
    schedule.lastError ? h('p', { class: 'error' }, server(schedule.lastError)) : null,
    schedule.warning ? h('p', { class: 'error', id: 'schedule-warning' }, server(schedule.warning)) : null,
    schedule.permission ? h('p', { class: 'error', id: 'schedule-permission' }, server(schedule.permission)) : null,
    schedule.quotaLeft >= 0 ? h('p', {}, t('quotaLeft', { quota: schedule.quotaLeft })) : null,
    buttons(button(schedule.on ? t('turnOff') : t('turnOn'), toggle, 'action', othersSchedule ? { disabled: '' } : {})),
    othersSchedule ? h('p', { class: 'secondary', id: 'schedule-owner-only' }, ...tn('onlyOwnerTurnsOff', { owner: data(schedule.owner) })) : null,
    h('h3', {}, t('latestLog')),
    h('ul', { class: 'list', id: 'schedule-log' }, ...(log.length ? log : [h('li', { class: 'empty' }, t('noLog'))])),
  ];
}
