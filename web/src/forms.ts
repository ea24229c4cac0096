// Helpers shared by the forms: the error state of one form (the server's problem
// or our own checks), shown in a summary that takes focus and next to each field,
// and the password rules the server enforces, checked before sending.
import { nextTick, reactive, ref } from 'vue';
import { ApiError, toDisplayError, type FieldError, type OrganisationRef, type Role, type RoleRequest } from './api';
import { noteAuthFailure } from './session';

/** How the error summary names a field and reaches its input. */
export interface FieldRef {
  label: string;
  inputId: string;
}

export const MIN_PASSWORD_CHARS = 12;
export const MAX_PASSWORD_BYTES = 1024;

/** An error of our own checks, shaped like the server's validation answer. */
export function invalidForm(errors: FieldError[]): ApiError {
  return new ApiError(400, '', 'Le formulaire contient des erreurs : corrigez les champs signalés.', errors);
}

/** The problems of a new password and its confirmation, reported on `field` and `confirmationField`. */
export function passwordProblems(
  password: string,
  confirmation: string,
  field: string,
  confirmationField: string,
): FieldError[] {
  const problems: FieldError[] = [];
  if ([...password].length < MIN_PASSWORD_CHARS) {
    problems.push({ field, message: `Le mot de passe doit compter au moins ${MIN_PASSWORD_CHARS} caractères.` });
  } else if (new TextEncoder().encode(password).length > MAX_PASSWORD_BYTES) {
    problems.push({ field, message: 'Le mot de passe est trop long (1 024 octets au plus).' });
  }
  if (confirmation !== password) {
    problems.push({ field: confirmationField, message: 'La confirmation ne correspond pas au nouveau mot de passe.' });
  }
  return problems;
}

/** A role being chosen in RoleFields. */
export interface RoleDraft {
  role: Role | '';
  networkId: number | null;
  organisation: OrganisationRef | null;
}

/** The fields of RoleFields with the id prefix `idPrefix`: their labels and input ids, by the server's names. */
export function roleFieldRefs(idPrefix: string): Record<'role' | 'network_id' | 'organisation_id', FieldRef> {
  return {
    role: { label: 'Rôle', inputId: `${idPrefix}-role` },
    network_id: { label: 'Réseau', inputId: `${idPrefix}-reseau` },
    organisation_id: { label: 'Collectivité', inputId: `${idPrefix}-collectivite` },
  };
}

export function emptyRoleDraft(): RoleDraft {
  return { role: '', networkId: null, organisation: null };
}

/** The request for a complete draft, else what is missing, on the fields the server would name. */
export function roleRequest(draft: RoleDraft): RoleRequest | FieldError[] {
  if (draft.role === '') return [{ field: 'role', message: 'Choisissez un rôle.' }];
  if (draft.role === 'admin') return { role: 'admin' };
  const problems: FieldError[] = [];
  if (draft.networkId === null) problems.push({ field: 'network_id', message: 'Choisissez un réseau.' });
  if (draft.role === 'member' && !draft.organisation) {
    problems.push({ field: 'organisation_id', message: 'Choisissez la collectivité du membre.' });
  }
  if (problems.length > 0 || draft.networkId === null) return problems;
  return {
    role: draft.role,
    network_id: draft.networkId,
    ...(draft.role === 'member' && draft.organisation ? { organisation_id: draft.organisation.id } : {}),
  };
}

export function focusById(id: string): void {
  document.getElementById(id)?.focus();
}

/** The error state of one form, as useFormErrors makes it. */
export type FormErrors = ReturnType<typeof useFormErrors>;

/**
 * The error state of one form. `show` displays a failure (an ApiError from the
 * server or from invalidForm) and moves focus to the summary, whose element id is
 * `summaryId`; `message(field)` is the text to show next to that field. `send`
 * runs a submission, `pending` meanwhile. The result is reactive: `form.error`
 * reads the current error in scripts and templates.
 */
export function useFormErrors(summaryId: string) {
  const error = ref<ApiError | null>(null);
  const pending = ref(false);

  function message(field: string): string | undefined {
    return error.value?.errors.find((e) => e.field === field)?.message;
  }

  async function show(caught: unknown): Promise<void> {
    noteAuthFailure(caught);
    error.value = toDisplayError(caught);
    await nextTick();
    focusById(summaryId);
  }

  function clear(): void {
    error.value = null;
  }

  /**
   * Shows `problems`, those of our own checks, if there are any; else runs
   * `action` with `pending` raised and shows its failure, after `failed` if given.
   */
  async function send(problems: FieldError[], action: () => Promise<void>, failed?: () => void): Promise<void> {
    if (problems.length > 0) {
      await show(invalidForm(problems));
      return;
    }
    pending.value = true;
    try {
      await action();
    } catch (caught) {
      failed?.();
      await show(caught);
    } finally {
      pending.value = false;
    }
  }

  return reactive({ summaryId, error, pending, message, show, clear, send });
}
