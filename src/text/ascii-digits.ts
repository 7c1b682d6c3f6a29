/** `text` with full-width digits `０`–`９` replaced by ASCII `0`–`9` (one code unit each: offsets stay valid). */
export function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}
