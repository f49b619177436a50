/**
 * An address MailApp accepts: something@domain.tld, with nothing that would
 * split or inject a header. No dependencies: the sidebar page checks its
 * fields with the same pattern.
 */
export const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** The addresses in a list as people write them, separated by commas or semicolons. */
export function emailList(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter(Boolean);
}
