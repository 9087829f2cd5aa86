'use server';

import { localized } from '@/lib/i18n/localize';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { getStaffOrFailure, isFailure } from '@/lib/auth/session';
import { runMasked } from '@/lib/logging';
import type { Result } from '@/lib/result';
import { deactivateTerminal, registerTerminal } from '@/lib/terminals/register-terminal';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';

export type RegisterTerminalState = Result<{ terminalId: string; name: string; apiKey: string }> | null;
export type DeactivateTerminalState = Result<{ terminalId: string }> | null;

/** An admin registers a terminal; the answer carries its API key, which is never shown again. */
export const registerTerminalAction = localized(async function registerTerminalAction(_prev: RegisterTerminalState, formData: FormData): Promise<RegisterTerminalState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.manageTerminals);
  if (isFailure(actor)) return actor;
  const input = { name: formData.get('name'), kind: formData.get('kind'), districtCode: formData.get('districtCode') };
  const result = await runMasked('terminal-register', async () => registerTerminal(await getDb(), actor, input));
  if (result.status !== 'ok') return result;
  revalidatePath('/staff/terminals');
  return { status: 'ok', data: { terminalId: result.data.terminalId, name: String(input.name).trim(), apiKey: result.data.apiKey } };
});

/** An admin stops a terminal's key at once. */
export const deactivateTerminalAction = localized(async function deactivateTerminalAction(_prev: DeactivateTerminalState, formData: FormData): Promise<DeactivateTerminalState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.manageTerminals);
  if (isFailure(actor)) return actor;
  const result = await runMasked('terminal-deactivate', async () => deactivateTerminal(await getDb(), actor, formData.get('terminalId')));
  revalidatePath('/staff/terminals');
  return result;
});
