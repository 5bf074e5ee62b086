/**
 * A section that opens on request (DKFDS accordion): a heading with a button (aria-expanded,
 * aria-controls) over a region whose content is mounted only while it is open. A part of a page
 * that needs its own request (a citizen's timeline, the risk suggestion) goes in one, so the
 * request is made when the user opens it, not when the page opens.
 */
import { type ReactNode, useId, useState } from 'react';

export function Disclosure({
  title,
  level = 2,
  testId,
  children,
}: {
  title: string;
  level?: 2 | 3;
  testId?: string;
  /** Rendered (and so fetched) only while open. */
  children: () => ReactNode;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <ul className="accordion accordion-bordered mt-6" data-testid={testId}>
      <li>
        <Heading className="mt-0">
          <button
            type="button"
            className="accordion-button"
            aria-expanded={open}
            aria-controls={`${id}-content`}
            onClick={() => setOpen(!open)}
          >
            {title}
          </button>
        </Heading>
        <div id={`${id}-content`} className="accordion-content" aria-hidden={!open}>
          {open && children()}
        </div>
      </li>
    </ul>
  );
}
