import { useEffect, useState } from "react";
import { clearAdminKey, onUnauthorized, readAdminKey } from "./api-client";
import { ApplicationsPage } from "./applications-page";
import { ClockBar } from "./clock-bar";
import { EventsPage } from "./events-page";
import { FaultsPage } from "./faults-page";
import { InboxPage } from "./inbox-page";
import { JournalPage } from "./journal-page";
import { MemberPage } from "./member-page";
import { MembersPage } from "./members-page";
import { ResetButton } from "./reset-button";
import { SignInPage } from "./sign-in-page";
import { href, type Route, useHashRoute } from "./use-hash-route";
import { WorldProvider } from "./world-context";
import { WorldPage } from "./world-page";

const SECTIONS = [
  { path: "applications", label: "Applications" },
  { path: "members", label: "Members" },
  { path: "inbox", label: "Inbox" },
  { path: "events", label: "Compliance events" },
  { path: "faults", label: "Faults" },
  { path: "journal", label: "Journal" },
  { path: "world", label: "World" },
] as const;

/** The console: sign-in until a key is accepted, then the header, navigation and one page. */
export function ConsoleApp() {
  const [signedIn, setSignedIn] = useState(() => readAdminKey() !== null);
  const [notice, setNotice] = useState<string | null>(null);
  const route = useHashRoute();

  useEffect(
    () =>
      onUnauthorized(() => {
        clearAdminKey();
        setNotice("The server refused the admin key. Sign in again.");
        setSignedIn(false);
      }),
    [],
  );

  if (!signedIn) {
    return (
      <main id="main" className="main">
        <SignInPage
          notice={notice}
          onSignedIn={() => {
            setNotice(null);
            setSignedIn(true);
          }}
        />
      </main>
    );
  }

  const signOut = () => {
    clearAdminKey();
    setNotice("Signed out.");
    setSignedIn(false);
  };
  const section = route.path[0] ?? "applications";
  return (
    <WorldProvider>
      <button type="button" className="skip-link" onClick={skipToMain}>
        Skip to content
      </button>
      <header className="header">
        <div className="header-top">
          <p className="brand">
            Regula <span>sandbox console</span>
          </p>
          <nav aria-label="Sections">
            <ul className="sections">
              {SECTIONS.map((s) => (
                <li key={s.path}>
                  <a href={href([s.path])} aria-current={section === s.path ? "page" : undefined}>
                    {s.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="header-actions">
            <ResetButton />
            <button type="button" onClick={signOut}>
              Sign out
            </button>
          </div>
        </div>
        <ClockBar />
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <CurrentPage route={route} />
      </main>
    </WorldProvider>
  );
}

function CurrentPage({ route }: { route: Route }) {
  const [section = "applications", id] = route.path;
  switch (section) {
    case "members":
      return id ? <MemberPage key={id} memberId={id} /> : <MembersPage />;
    case "inbox":
      return <InboxPage key={id ?? ""} memberId={id ?? null} thread={route.query.get("thread")} />;
    case "events":
      return (
        <EventsPage
          applicationId={route.query.get("application")}
          memberId={route.query.get("member")}
        />
      );
    case "faults":
      return <FaultsPage />;
    case "journal":
      return <JournalPage />;
    case "world":
      return <WorldPage />;
    default:
      return <ApplicationsPage />;
  }
}

/** Hash routing owns `#…`, so the skip link is a button that moves focus itself. */
function skipToMain() {
  document.getElementById("main")?.focus();
}
