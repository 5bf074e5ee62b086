/**
 * An inline confirmation (DKFDS warning alert) for a step that cannot be undone. It takes focus
 * when it opens, Escape cancels, and focus goes back to where it was when it closes (if that
 * element is still on the page; otherwise the page decides).
 */
import { type ReactNode, useEffect, useId, useRef } from 'react';

export function ConfirmDialog({
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  pending = false,
  testId,
}: {
  /** The question, with what will happen. */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  pending?: boolean;
  testId?: string;
}) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement;
    ref.current?.focus();
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alertdialog"
      aria-labelledby={`${id}-text`}
      className="alert alert-warning"
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !pending) {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <div className="alert-body">
        <div className="alert-text" id={`${id}-text`}>
          {children}
        </div>
        <button
          type="button"
          className="button button-primary"
          disabled={pending}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>{' '}
        <button
          type="button"
          className="button button-secondary"
          disabled={pending}
          onClick={onCancel}
        >
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
