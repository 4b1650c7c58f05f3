import type { ReactNode } from 'react';

/**
 * A frame a wide table scrolls in sideways instead of widening the page. It takes keyboard
 * focus, so the arrow keys scroll it (WCAG 2.1.1), and is a region named by the heading with
 * id `labelledBy`.
 */
export function ScrollRegion({
  labelledBy,
  children,
}: {
  labelledBy: string;
  children: ReactNode;
}) {
  return (
    <div className="scroll-region" role="region" tabIndex={0} aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}
