/** One output file: its name inside the output folder and its full content. */
export interface OutputFile {
  name: string;
  content: string | Uint8Array;
}
