/**
 * The modal dialogs as promises: `ask` for a name, `askRequest` for a new request's name and
 * protocol (HTTP, WebSocket, Socket.IO or gRPC), `confirm` a destructive action.
 *
 * A flow awaits the answer; the dialog components render whatever is pending here and call
 * `answer` or `cancel`. One dialog is open at a time: asking while one is open cancels it first.
 */

import type { Protocol } from '../bindings/Protocol';

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

/** A new request's name and protocol, as `askRequest` asked. */
export interface NewRequestChoice {
  name: string;
  protocol: Protocol;
}

export type Pending =
  | { type: 'prompt'; options: PromptOptions; resolve: (value: string | null) => void }
  | {
      type: 'request';
      options: PromptOptions;
      resolve: (value: NewRequestChoice | null) => void;
    }
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

  /** Asks a new request's name and protocol (HTTP, WebSocket, Socket.IO, gRPC); `null` when cancelled. */
  askRequest(options: PromptOptions): Promise<NewRequestChoice | null> {
    this.cancel();
    return new Promise((resolve) => {
      this.pending = { type: 'request', options, resolve };
    });
  }

  /** Asks to confirm; resolves to `true` only when confirmed. */
  confirm(options: ConfirmOptions): Promise<boolean> {
    this.cancel();
    return new Promise((resolve) => {
      this.pending = { type: 'confirm', options, resolve };
    });
  }

  /** Confirms the open dialog; for a prompt, with the text typed (and a new request's protocol). */
  answer(text = '', protocol: Protocol = 'http'): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    if (pending.type === 'prompt') {
      const name = text.trim();
      pending.resolve(name === '' ? null : name);
    } else if (pending.type === 'request') {
      const name = text.trim();
      pending.resolve(name === '' ? null : { name, protocol });
    } else {
      pending.resolve(true);
    }
  }

  cancel(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    if (pending.type === 'confirm') pending.resolve(false);
    else pending.resolve(null);
  }
}

export const dialogs = new Dialogs();
