import { Fragment } from "react";

/** A URN in code type that, when it must wrap, wraps only after its colons. */
export function UrnText({ urn, className }: { urn: string; className?: string }) {
  const parts = urn.split(":");
  return (
    <code className={className ? `urn ${className}` : "urn"}>
      {parts.map((part, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one URN never reorder
        <Fragment key={index}>
          {index > 0 ? (
            <>
              :<wbr />
            </>
          ) : null}
          {part}
        </Fragment>
      ))}
    </code>
  );
}
