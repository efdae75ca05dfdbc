/**
 * The schemas on the redirect's path are written with zod/mini: the same validator core as full zod,
 * without its chaining classes, so the redirect's bundle is smaller and loads faster (docs/benchmarks.md,
 * "Bundle and cold module load"). zod/mini sets no locale of its own; a module of such schemas imports
 * this one for its side effect, so their issues carry the same English messages as full zod's.
 */
import { en } from "zod/locales";
import { config } from "zod/mini";

config(en());
