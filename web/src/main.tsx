import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ConsoleApp } from "./console-app";
import "./styles/base.css";
import "./styles/forms.css";
import "./styles/feedback.css";
import "./styles/tables.css";
import "./styles/layout.css";
import "./styles/inbox.css";

const root = document.getElementById("root");
if (!root) throw new Error("The page has no #root element");
createRoot(root).render(
  <StrictMode>
    <ConsoleApp />
  </StrictMode>,
);
