#!/usr/bin/env node
// A committed launcher so that pnpm links the `hnb` bin at install time, before the build exists.
import "../dist/bin.js";
