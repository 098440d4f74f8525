/** One line in `sha256sum` format, so `sha256sum -c name.sha256` checks the file: the service's sidecars and the browser's saved one alike. */
export function sha256Line(sha256: string, fileName: string): string {
  return `${sha256}  ${fileName}\n`;
}
