// Makes the English messages available to `translator` (see app/i18n/i18n.ts). Imported for its
// effect by the server entry, scripts and tests; the browser imports it on demand.
import { en } from "./dictionary";
import { provideEnglish } from "./i18n";

provideEnglish(en);
