// The content library: every kind of demand-side organisation the demo knows.
import { consumption } from "./consumption";
import { culture } from "./culture";
import { elderly } from "./elderly";
import { factory } from "./factory";
import { government } from "./government";
import { hospital } from "./hospital";
import { other } from "./other";
import { park } from "./park";
import { research } from "./research";
import { school } from "./school";
import { sports } from "./sports";
import { cityWide } from "./city";
import type { Sector } from "./types";

export const SECTORS: readonly Sector[] = [
  hospital, school, elderly, sports, culture, consumption, factory, park, government, cityWide, research, other,
];

export type { Kpi, ScenarioTemplate, Sector, OrgSeed, DataTemplate } from "./types";
