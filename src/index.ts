/** The package's library entry (`import … from "regula"`). */
export { type Config, loadConfig } from "./config.js";
