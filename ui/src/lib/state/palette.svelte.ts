/**
 * Whether the command palette (Ctrl+K) or the shortcut sheet (Ctrl+/) is open. One at a time:
 * opening one closes the other.
 */
export class PaletteState {
  isOpen = $state(false);
  isSheetOpen = $state(false);

  open(): void {
    this.isSheetOpen = false;
    this.isOpen = true;
  }

  openSheet(): void {
    this.isOpen = false;
    this.isSheetOpen = true;
  }

  close(): void {
    this.isOpen = false;
    this.isSheetOpen = false;
  }
}

export const palette = new PaletteState();
