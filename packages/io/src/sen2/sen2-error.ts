// The one error the SEN2 readers throw, in a module of its own so the CSV table, both layouts and
// the skeleton can raise it without importing each other.
import { HnbError } from "@hnb/model";

/** Thrown for a file that cannot be read as DfE statistics; the message names the file and line. */
export class Sen2FileError extends HnbError {
  override name = "Sen2FileError";
  constructor(message: string) {
    super("bad-sen2-file", message);
  }
}
