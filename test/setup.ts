// Runs in every test file: temporary folders made with `scratch` are removed when the file ends.
import { afterAll } from "vitest";
import { removeScratch } from "./support.js";

afterAll(removeScratch);
