// Types of scripts/package-transforms.mjs (the package build's production transforms), for the tests.
export declare const LOCALE_MODULE: RegExp;
export declare function minifyHtmlStrings(strings: string[]): string[];
export declare function minifyCssStrings(strings: string[]): string[];
export declare function shortId(index: number): string;
export declare function shortIdMap(ids: Iterable<string>): Map<string, string>;
export declare function moduleMessageIds(code: string, file: string): { locale: string | null; entries: string[]; calls: string[] };
export declare function describeMessages(code: string, file: string): { id: string; text: string }[];
export declare function transformModule(
  code: string,
  file: string,
  options?: { ids?: Map<string, string> | null; templates?: boolean },
): { code: string; map: { toString(): string; mappings: string } | null; changed: boolean };
export declare function checkMessageIds(dist: string, options?: { ids?: Map<string, string> }): string[];
