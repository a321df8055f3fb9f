/**
 * The modal dialogs as promises: `ask` for a name, `confirm` a destructive action.
 *
 * A flow awaits the answer; the dialog components render whatever is pending here and call
 * `answer` or `cancel`. One dialog is open at a time: asking while one is open cancels it first.
 */

export interface PromptOptions {
  title: string;
  label: string;
  /** Text the input starts with (selected, so typing replaces it). */
  initial?: string;
  confirmLabel?: string;
}

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel?: string;
}

export type Pending =
  | { type: 'prompt'; options: PromptOptions; resolve: (value: string | null) => void }
  | { type: 'confirm'; options: ConfirmOptions; resolve: (value: boolean) => void };

export class Dialogs {
  pending = $state.raw<Pending | null>(null);

  /** Asks for a name; resolves to the trimmed text, or `null` when cancelled or left empty. */
  ask(options: PromptOptions): Promise<string | null> {
    this.cancel();
    return new Promise((resolve) => {
      this.pending = { type: 'prompt', options, resolve };
    });
  }

  /** Asks to confirm; resolves to `true` only when confirmed. */
  confirm(options: ConfirmOptions): Promise<boolean> {
    this.cancel();
    return new Promise((resolve) => {
      this.pending = { type: 'confirm', options, resolve };
    });
  }

  /** Confirms the open dialog; for a prompt, with the text typed. */
  answer(text = ''): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    if (pending.type === 'prompt') {
      const name = text.trim();
      pending.resolve(name === '' ? null : name);
    } else {
      pending.resolve(true);
    }
  }

  cancel(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    if (pending.type === 'prompt') pending.resolve(null);
    else pending.resolve(false);
  }
}

export const dialogs = new Dialogs();
