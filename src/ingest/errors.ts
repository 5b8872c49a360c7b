/** The report text does not have the expected shape; `line` is 1-based. */
export class ReportParseError extends Error {
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'ReportParseError';
  }
}

/** A curated annotation is invalid; names the data file and the entry so a curator can fix it. */
export class AnnotationError extends Error {
  constructor(
    readonly file: string,
    readonly entry: string,
    detail: string,
  ) {
    super(`${file}: entry "${entry}": ${detail}`);
    this.name = 'AnnotationError';
  }
}
