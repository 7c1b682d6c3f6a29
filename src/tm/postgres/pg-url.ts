/** A PostgreSQL URL as it may be shown: the password replaced by `***` (never printed, never logged). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  }
}

/** Whether `value` names a PostgreSQL TM (`postgres://…` or `postgresql://…`). */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

/** Every occurrence of the URL's password in `text` replaced (driver messages can quote the URL). */
export function scrubPassword(text: string, url: string): string {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password === '' ? text : text.split(password).join('***');
  } catch {
    return text;
  }
}
