import { describe, expect, it } from 'vitest';
import { Alerts, MAX_ALERTS } from './alerts.svelte';

describe('Alerts', () => {
  it('reports any thrown value as a UiError', () => {
    const alerts = new Alerts();
    const error = alerts.report({ kind: 'invalid', message: 'name is empty', place: 'Users' });
    expect(error.kind).toBe('invalid');
    expect(alerts.items.map((a) => a.error.message)).toEqual(['name is empty']);
  });

  it('keeps only the newest few', () => {
    const alerts = new Alerts();
    for (let i = 0; i < MAX_ALERTS + 2; i++) alerts.report(`error ${i}`);
    expect(alerts.items).toHaveLength(MAX_ALERTS);
    expect(alerts.items.at(-1)?.error.message).toBe(`error ${MAX_ALERTS + 1}`);
    expect(alerts.items[0]?.error.message).toBe('error 2');
  });

  it('shows a repeated error once, as the newest', () => {
    const alerts = new Alerts();
    alerts.report({ kind: 'invalid', message: 'bad method', place: 'Users/Get' });
    alerts.report('other');
    alerts.report({ kind: 'invalid', message: 'bad method', place: 'Users/Get' });
    expect(alerts.items.map((a) => a.error.message)).toEqual(['other', 'bad method']);
    alerts.report({ kind: 'invalid', message: 'bad method', place: 'Users/Post' });
    expect(alerts.items).toHaveLength(3);
  });

  it('dismisses one alert by id', () => {
    const alerts = new Alerts();
    alerts.report('first');
    alerts.report('second');
    const first = alerts.items[0];
    alerts.dismiss(first?.id ?? -1);
    expect(alerts.items.map((a) => a.error.message)).toEqual(['second']);
  });

  it('attempt resolves to the value, or reports and resolves to undefined', async () => {
    const alerts = new Alerts();
    await expect(alerts.attempt(async () => 7)).resolves.toBe(7);
    expect(alerts.items).toHaveLength(0);
    await expect(
      alerts.attempt(() => Promise.reject({ kind: 'store', message: 'locked', place: null })),
    ).resolves.toBeUndefined();
    expect(alerts.items[0]?.error).toEqual({ kind: 'store', message: 'locked', place: null });
  });

  it('shows each warning of a command that succeeded', () => {
    const alerts = new Alerts();
    alerts.warn(['keychain entry var:1:token not removed: locked']);
    alerts.warn([]);
    alerts.warn(null);
    expect(alerts.items.map((a) => a.error)).toEqual([
      { kind: 'warning', message: 'keychain entry var:1:token not removed: locked', place: null },
    ]);
  });
});
