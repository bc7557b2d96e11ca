import { useEffect, useState } from "react";

/** The console's location: `#/members/ada?tab=x` → path ["members", "ada"], query tab=x. */
export interface Route {
  path: string[];
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const [pathPart = "", queryPart = ""] = hash.replace(/^#\/?/, "").split("?", 2);
  return {
    path: pathPart.split("/").filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(queryPart),
  };
}

/** A link target inside the console. */
export function href(path: string[], query: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) search.set(name, value);
  const suffix = search.size > 0 ? `?${search}` : "";
  return `#/${path.map(encodeURIComponent).join("/")}${suffix}`;
}

export function navigate(path: string[], query: Record<string, string | undefined> = {}): void {
  window.location.hash = href(path, query);
}

/** Hash routing by hand: the route follows `location.hash`. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
