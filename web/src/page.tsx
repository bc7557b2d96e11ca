import { type ReactNode, useEffect, useId, useRef } from "react";

/**
 * One page of the console. Its heading takes focus when the page opens, so keyboard and
 * screen-reader users land on the new content after following a link.
 */
export function Page({
  title,
  intro,
  focusHeading = true,
  children,
}: {
  title: string;
  intro?: ReactNode;
  /** False when the page focuses a control of its own instead (the sign-in form). */
  focusHeading?: boolean;
  children: ReactNode;
}) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [focusHeading]);
  useEffect(() => {
    document.title = `${title} · Regula console`;
  }, [title]);
  return (
    <section className="page" aria-labelledby={headingId}>
      <h1 id={headingId} ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {intro ? <p className="intro">{intro}</p> : null}
      {children}
    </section>
  );
}
